import { Ajv, type ValidateFunction } from 'ajv';
import { ConcordError } from '../../contracts/index.js';
import { isAdmin, requireRole } from '../auth/permissions.js';
import type { Principal } from '../storage/principal-store.js';
import { timestamp } from '../storage/clock.js';
import { TelemetryBatchSchema } from '../../vocabulary/index.js';
import type { ConsumerUsage, TelemetryBatch, TelemetryReceipt } from '../../vocabulary/index.js';
import type { ContractReads } from './contract-reads.js';
import { withTransaction } from './registry-stores.js';
import type { ServiceContext } from './service-context.js';

export interface TelemetryService {
  /**
   * Adds an agent's report (TelemetryBatchSchema) for a consumer of a contract. The consumer's
   * creator (consumer role or above) or an admin; every version named must be published.
   */
  report(contractId: string, consumer: string, body: unknown, principal: Principal): Promise<TelemetryReceipt>;
  /** What each reporting consumer of the contract uses and rejects; empty for a contract nobody reported on. */
  usageOfContract(contractId: string): Promise<ConsumerUsage[]>;
}

function batchValidator(): ValidateFunction {
  // The schema is a constant of the vocabulary; strict catches a schema mistake at start-up.
  return new Ajv({ allErrors: false, strict: true, logger: false }).compile(TelemetryBatchSchema);
}

/**
 * Agent telemetry. Reports are not audited: an agent sends one a minute, and they change no
 * contract, pin or right; the rows themselves say who reported what and when.
 */
export function createTelemetryService(context: ServiceContext, reads: ContractReads): TelemetryService {
  const { stores, clock } = context;
  const validate = batchValidator();
  return {
    async report(contractId, consumerName, body, principal) {
      requireRole(principal, 'consumer', 'report telemetry');
      if (!validate(body)) {
        const first = validate.errors?.[0];
        const where = first === undefined || first.instancePath === '' ? 'the body' : first.instancePath;
        throw new ConcordError(
          'invalid-argument',
          `telemetry for ${contractId} from ${consumerName} is not a telemetry batch: ${where} ${first?.message ?? 'is not valid'}; send { versions: [{ version, validated, rejected, topFields }] }`,
          first === undefined ? {} : { pointer: first.instancePath },
        );
      }
      const batch = body as TelemetryBatch;
      const consumer = await stores.consumers.getConsumer(consumerName);
      if (consumer === undefined) throw new ConcordError('not-found', `consumer ${consumerName} is not registered: PUT /api/consumers/${consumerName} first`);
      if (!isAdmin(principal) && consumer.createdBy !== principal.id) {
        throw new ConcordError('forbidden', `${principal.name} may not report telemetry for consumer ${consumerName}: use the token of the principal that registered it, or an admin token`);
      }
      for (const [index, report] of batch.versions.entries()) {
        if (report.rejected > report.validated) {
          throw new ConcordError('invalid-argument', `telemetry for ${contractId} ${report.version} rejects ${report.rejected} records of ${report.validated} validated: rejected counts records that were validated`, { pointer: `/versions/${index}/rejected` });
        }
        // Throws not-found for an unknown contract or version: rows only ever name published versions.
        await reads.findHeader(contractId, { version: report.version });
      }
      const at = timestamp(clock());
      await withTransaction(stores, clock, async (trx) => {
        for (const report of batch.versions) await trx.telemetry.add(consumerName, contractId, report, at);
      });
      return { consumer: consumerName, contract: contractId, accepted: batch.versions.length };
    },
    usageOfContract: (contractId) => stores.telemetry.usageOfContract(contractId),
  };
}
