import { ConcordError } from '../../contracts/index.js';
import type { Principal } from '../storage/principal-store.js';
import type { ContractText } from './contract-body.js';
import type { ContractReads } from './contract-reads.js';
import { saveComputedDiffs } from './save-computed-diffs.js';
import { evaluateNow } from './publish-facts.js';
import type { PublishVerdict } from './publish-verdict.js';
import type { ServiceContext } from './service-context.js';

/** The answer of a dry run: the verdict a publish by the same principal would reach now. */
export type ImpactReport = PublishVerdict;
export type { ConsumerImpact } from './publish-verdict.js';

export interface ImpactService {
  /**
   * A dry run of `principal` (undefined: anonymous) publishing `body` as a version of contract
   * `id`: the same evaluation a publish makes (evaluatePublish), with every reason it would be
   * refused and every consumer it would reach. Stores nothing but computed diffs. Throws
   * ConcordError `invalid-argument` when the body is another contract, and what loading it throws;
   * an undefined `id` takes the body's own (the UI preview, which must not parse on the event loop to learn it).
   */
  check(id: string | undefined, body: ContractText, principal: Principal | undefined): Promise<ImpactReport>;
}

/** Dry runs over the context's stores. */
export function createImpactService(context: ServiceContext, reads: ContractReads): ImpactService {
  return {
    async check(expected, body, principal) {
      // Parsing, linting and every diff run in the evaluation pool, within one deadline for the request.
      const evaluator = context.evaluation.session();
      const candidate = await evaluator.load(body, reads.resolveRegistryRef);
      const id = expected ?? candidate.contract.id;
      if (candidate.contract.id !== id) {
        throw new ConcordError('invalid-argument', `the body is contract ${candidate.contract.id}, not ${id}: check it at /api/contracts/${candidate.contract.id}/check`, {
          pointer: '/contract',
        });
      }
      const { verdict, gathered } = await evaluateNow(context, evaluator, candidate, principal);
      saveComputedDiffs(context, gathered.cached);
      return verdict;
    },
  };
}
