import { judge } from '../../contracts/compat-mode.js';
import { ConcordError } from '../../contracts/errors.js';
import type { Finding, LintProblem } from '../../contracts/findings.js';
import type { Person } from '../../contracts/model.js';
import type { Bump, VersionCheck } from '../../contracts/semver-policy.js';
import type { ContractText } from './contract-body.js';
import type { ContractReads } from './contract-reads.js';
import { touches } from './field-touch.js';
import { cachedChanges, loadHistory, saveComputedDiffs } from './history.js';
import type { HistoryEntry } from './history.js';
import { highestInRange, inRange } from './resolve.js';
import type { ServiceContext } from './service-context.js';

/** One consumer a candidate version would reach, and what of it touches the fields the consumer reads. */
export interface ConsumerImpact {
  readonly consumer: string;
  readonly contact: Person;
  readonly range: string;
  readonly fields: readonly string[];
  /** The version the consumer resolves to today, which the findings compare with; undefined when none is published in its range. */
  readonly resolvedVersion?: string;
  /** Whether the candidate falls in the consumer's range (it would receive it without changing its pin). */
  readonly receives: boolean;
  /** True when a breaking finding touches a field the consumer reads. */
  readonly affected: boolean;
  /** Findings that touch the consumer's fields (all of them when it declared none). */
  readonly findings: readonly Finding[];
}

/** The answer of a dry run: what publishing would say, and whom it would reach. */
export interface ImpactReport {
  readonly contract: string;
  readonly version: string;
  readonly previousVersion?: string;
  readonly compatible: boolean;
  readonly requiredBump: Bump;
  readonly versionCheck?: VersionCheck;
  readonly changes: readonly Finding[];
  /** Why publishing would be refused (version or compatibility), when it would. */
  readonly refusal?: { readonly code: string; readonly message: string };
  readonly consumers: readonly ConsumerImpact[];
  /** True when there are breaking findings but none touches a field any pinned consumer reads. */
  readonly breakingUntouched: boolean;
  readonly warnings: readonly LintProblem[];
}

export interface ImpactService {
  /**
   * A dry run of publishing `body` as a version of contract `id`: lint, findings, required bump,
   * version check, and every consumer pinned to a range that the candidate falls in or that holds
   * the current latest version, with the findings that touch its declared fields. Stores nothing
   * but computed diffs. Throws ConcordError `invalid-argument` when the body is another contract;
   * an undefined `id` takes the body's own (the UI preview, which must not parse on the event loop to learn it).
   */
  check(id: string | undefined, body: ContractText): Promise<ImpactReport>;
}

/** Dry runs over the context's stores. */
export function createImpactService(context: ServiceContext, reads: ContractReads): ImpactService {
  const { stores } = context;
  return {
    async check(expected, body) {
      // Parsing, linting and every diff run in the evaluation pool, within one deadline for the request.
      const evaluator = context.evaluation.session();
      const candidate = await evaluator.load(body, reads.resolveRegistryRef);
      const { contract } = candidate;
      const id = expected ?? contract.contract;
      if (contract.contract !== id) {
        throw new ConcordError('invalid-argument', `the body is contract ${contract.contract}, not ${id}: check it at /api/contracts/${contract.contract}/check`, {
          pointer: '/contract',
        });
      }
      const history = await loadHistory(stores.contracts, context.memo, id, await stores.contracts.listVersions(id));
      const cached = await cachedChanges(stores.diffCache, context.memo, contract, history.map((entry) => entry.contract));
      const evaluation = await evaluator.evaluate(contract, history, cached);
      const { mode, policy } = contract.compatibility;
      const others = history.filter((entry) => entry.header.version !== contract.version);
      const latest = (await stores.contracts.latestVersion(id))?.version;
      const byVersion = new Map<string, HistoryEntry>(others.map((entry) => [entry.header.version, entry]));
      const findingsAgainst = new Map<string, readonly Finding[]>();
      const findingsFrom = async (base: HistoryEntry | undefined): Promise<readonly Finding[]> => {
        if (base === undefined) return [];
        if (base.header.version === evaluation.previous) return evaluation.changes;
        let findings = findingsAgainst.get(base.header.version);
        if (findings === undefined) {
          findings = judge(await evaluator.changes(cached, base.contract, contract), mode, policy);
          findingsAgainst.set(base.header.version, findings);
        }
        return findings;
      };

      const consumers: ConsumerImpact[] = [];
      for (const pin of await stores.consumers.listPinsByContract(id)) {
        const receives = inRange(contract.version, pin.range);
        if (!receives && (latest === undefined || !inRange(latest, pin.range))) continue;
        const resolved = highestInRange(
          others.map((entry) => entry.header),
          pin.range,
        );
        const base = resolved === undefined ? (latest === undefined ? undefined : byVersion.get(latest)) : byVersion.get(resolved.version);
        const findings = (await findingsFrom(base)).filter((finding) => touches(finding, pin.fields));
        const consumer = await stores.consumers.getConsumer(pin.consumer);
        consumers.push({
          consumer: pin.consumer,
          contact: consumer?.contact ?? { name: 'unknown', email: 'unknown' },
          range: pin.range,
          fields: pin.fields,
          ...(base === undefined ? {} : { resolvedVersion: base.header.version }),
          receives,
          affected: findings.some((finding) => finding.severity === 'breaking'),
          findings,
        });
      }
      saveComputedDiffs(context, cached);
      const breaking = evaluation.changes.some((finding) => finding.severity === 'breaking');
      return {
        contract: id,
        version: contract.version,
        ...(evaluation.previous === undefined ? {} : { previousVersion: evaluation.previous }),
        compatible: evaluation.compatible,
        requiredBump: evaluation.requiredBump,
        ...(evaluation.versionCheck === undefined ? {} : { versionCheck: evaluation.versionCheck }),
        changes: evaluation.changes,
        ...(evaluation.refusal === undefined ? {} : { refusal: { code: evaluation.refusal.code, message: evaluation.refusal.message } }),
        consumers,
        breakingUntouched: breaking && !consumers.some((consumer) => consumer.affected),
        warnings: candidate.warnings.filter((problem) => problem.severity === 'warning'),
      };
    },
  };
}
