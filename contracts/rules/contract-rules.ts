import { changeRule, type RuleSpec } from './rule-spec.js';

function infoChange<const Id extends string>(id: Id, explanation: string): RuleSpec<Id> {
  return changeRule({ id, area: 'contract', breaks: 'none', otherwise: 'info', bump: 'patch', explanation });
}

function warningChange<const Id extends string>(id: Id, explanation: string): RuleSpec<Id> {
  return changeRule({ id, area: 'contract', breaks: 'none', otherwise: 'warning', bump: 'minor', explanation });
}

/** Changes to the contract's own fields that consumers should hear about; none breaks a reader. */
export const CONTRACT_RULES = Object.freeze([
  infoChange('contract-owner-changed', 'The owner changed: questions, approvals and alerts go to someone else.'),
  infoChange('contract-team-changed', 'The owning team changed.'),
  infoChange('contract-status-changed', 'The status changed without deprecating the contract (draft to active, or a deprecation withdrawn).'),
  warningChange('contract-deprecated', 'The contract became deprecated or retired: consumers should plan to move off it.'),
  warningChange('contract-sunset-changed', 'The sunset date was set or moved: consumers have a new deadline.'),
  warningChange('contract-compatibility-changed', 'The compatibility mode or policy changed: future versions are checked differently.'),
  warningChange('contract-sla-loosened', 'An SLA promise is weaker or gone (longer max age, lower minimum volume, wider volume range).'),
  changeRule({
    id: 'contract-sla-changed',
    area: 'contract',
    breaks: 'none',
    otherwise: 'info',
    bump: 'minor',
    explanation: 'An SLA changed without getting weaker: a tighter or new promise, or another freshness field.',
  }),
  infoChange('contract-title-changed', 'The title changed: documentation only.'),
  infoChange('contract-description-changed', 'The description changed: documentation only.'),
  infoChange('contract-tags-changed', 'The tags changed: documentation and search only.'),
  infoChange('contract-sources-changed', 'The feed sources the checker samples changed.'),
]);
