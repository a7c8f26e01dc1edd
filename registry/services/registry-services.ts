import type { AuditQueries } from './audit-queries.js';
import { createAuditQueries } from './audit-queries.js';
import type { ImpactService } from './check-impact.js';
import { createImpactService } from './check-impact.js';
import type { ContractReads } from './contract-reads.js';
import { createContractReads } from './contract-reads.js';
import type { DeprecationService } from './deprecate.js';
import { createDeprecationService } from './deprecate.js';
import type { MetricCatalog } from './metric-catalog.js';
import { createMetricCatalog } from './metric-catalog.js';
import type { OwnershipService } from './ownership.js';
import { createOwnershipService } from './ownership.js';
import type { PinService } from './pins.js';
import type { PrincipalNameBook } from './principal-names.js';
import { createPrincipalNameBook } from './principal-names.js';
import { createPinService } from './pins.js';
import type { PublishService } from './publish.js';
import type { RegistryStores } from './registry-stores.js';
import { createPublishService } from './publish.js';
import type { RunService } from './runs.js';
import { createRunService } from './runs.js';
import type { ServiceContext } from './service-context.js';
import type { TelemetryService } from './telemetry.js';
import { createTelemetryService } from './telemetry.js';
import type { TokenService } from './tokens.js';
import { createTokenService } from './tokens.js';

/** Every domain service of the registry; the HTTP routes and the CLI's embedded uses call these. */
export interface RegistryServices {
  /** The stores the services run on, for wiring code (seeding, the CLI) that needs them directly. */
  readonly stores: RegistryStores;
  readonly reads: ContractReads;
  readonly publishing: PublishService;
  readonly impact: ImpactService;
  readonly pins: PinService;
  readonly metrics: MetricCatalog;
  readonly ownership: OwnershipService;
  readonly deprecation: DeprecationService;
  readonly audit: AuditQueries;
  readonly tokens: TokenService;
  readonly runs: RunService;
  /** What agents report through the SDK: per consumer, the version in use and its reject rate. */
  readonly telemetry: TelemetryService;
  /** Principal names for the views that show them beside ids. */
  readonly names: PrincipalNameBook;
}

/** Builds the services over one context. */
export function createServices(context: ServiceContext): RegistryServices {
  const reads = createContractReads(context.stores, context.memo, context.evaluation);
  return Object.freeze({
    stores: context.stores,
    reads,
    publishing: createPublishService(context, reads),
    impact: createImpactService(context, reads),
    pins: createPinService(context, reads),
    metrics: createMetricCatalog(context.stores.metrics, context.stores.contracts),
    ownership: createOwnershipService(context, reads),
    deprecation: createDeprecationService(context, reads),
    audit: createAuditQueries(context),
    tokens: createTokenService(context),
    runs: createRunService(context, reads),
    telemetry: createTelemetryService(context, reads),
    names: createPrincipalNameBook(context.stores.principals),
  });
}
