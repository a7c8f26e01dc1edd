import type { Contract } from '../model.js';
import { describePerson, describeValue, samePerson, sameTags, sameValue } from './definition-diff.js';
import { diffSla } from './sla-diff.js';
import type { ChangeRuleId, RuleChange } from '../rules/catalog.js';

const ENDING_STATUSES: ReadonlySet<string> = new Set(['deprecated', 'retired']);

function change(rule: ChangeRuleId, path: string, message: string, before: unknown, after: unknown): RuleChange {
  return {
    rule,
    path,
    message,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  };
}

function describeCompatibility(contract: Contract): string {
  return `${contract.compatibility.mode} (${contract.compatibility.policy})`;
}

function isDeprecated(contract: Contract): boolean {
  return ENDING_STATUSES.has(contract.status) || (contract.deprecated !== undefined && contract.deprecated !== false);
}

function lifecycleChanges(before: Contract, after: Contract): RuleChange[] {
  const id = after.id;
  const changes: RuleChange[] = [];
  if (before.status !== after.status) {
    const ending = ENDING_STATUSES.has(after.status);
    changes.push(
      change(
        ending ? 'contract-deprecated' : 'contract-status-changed',
        '/status',
        ending
          ? `${id} becomes ${after.status}: consumers should move to its successor; tell them when it stops${after.sunset === undefined ? ' (set sunset)' : ''}`
          : `${id} status changes from ${before.status} to ${after.status}`,
        before.status,
        after.status,
      ),
    );
  }
  if (!sameValue(before.deprecated, after.deprecated) && !ENDING_STATUSES.has(after.status)) {
    const now = isDeprecated(after);
    const reason = typeof after.deprecated === 'string' ? ` (${after.deprecated})` : '';
    changes.push(
      change(
        now && !isDeprecated(before) ? 'contract-deprecated' : 'contract-status-changed',
        '/deprecated',
        now ? `${id} is marked deprecated${reason}: consumers should plan to move off it` : `${id} is no longer marked deprecated`,
        before.deprecated,
        after.deprecated,
      ),
    );
  }
  if (before.sunset !== after.sunset) {
    changes.push(
      change(
        'contract-sunset-changed',
        '/sunset',
        after.sunset === undefined
          ? `${id} no longer has a sunset date (was ${before.sunset})`
          : `${id} sunset date is now ${after.sunset}${before.sunset !== undefined ? ` (was ${before.sunset})` : ''}: consumers must move off it by then`,
        before.sunset,
        after.sunset,
      ),
    );
  }
  return changes;
}

function documentationChanges(before: Contract, after: Contract): RuleChange[] {
  const id = after.id;
  const changes: RuleChange[] = [];
  if (!samePerson(before.owner, after.owner)) {
    changes.push(
      change('contract-owner-changed', '/owner', `${id} owner changes from ${describePerson(before.owner)} to ${describePerson(after.owner)}`, before.owner, after.owner),
    );
  }
  if (before.team !== after.team) {
    changes.push(change('contract-team-changed', '/team', `${id} team changes from ${describeValue(before.team)} to ${describeValue(after.team)}`, before.team, after.team));
  }
  if (before.title !== after.title) {
    changes.push(change('contract-title-changed', '/title', `${id} title changes from ${describeValue(before.title)} to ${describeValue(after.title)}`, before.title, after.title));
  }
  if (before.description !== after.description) {
    changes.push(change('contract-description-changed', '/description', `${id}: description changed`, before.description, after.description));
  }
  if (!sameTags(before.tags, after.tags)) {
    changes.push(change('contract-tags-changed', '/tags', `${id} tags change from ${describeValue(before.tags)} to ${describeValue(after.tags)}`, before.tags, after.tags));
  }
  if (!sameValue(before.sources, after.sources)) {
    changes.push(change('contract-sources-changed', '/sources', `${id}: the feed sources the checker samples changed`, before.sources, after.sources));
  }
  return changes;
}

/**
 * The changes between two versions' own fields that consumers should hear about: owner, team,
 * status and deprecation (becoming deprecated or retired is a warning), sunset, compatibility
 * mode and policy, SLA (a weaker promise is a warning), title, description, tags and sources.
 * None of them breaks a reader. Messages name the contract by the newer version's id.
 */
export function diffContractMeta(before: Contract, after: Contract): RuleChange[] {
  const id = after.id;
  const changes = lifecycleChanges(before, after);
  if (!sameValue(before.compatibility, after.compatibility)) {
    changes.push(
      change(
        'contract-compatibility-changed',
        '/compatibility',
        `${id} compatibility changes from ${describeCompatibility(before)} to ${describeCompatibility(after)}: later versions are checked by the new rule`,
        before.compatibility,
        after.compatibility,
      ),
    );
  }
  changes.push(...diffSla(id, before.sla, after.sla), ...documentationChanges(before, after));
  return changes;
}
