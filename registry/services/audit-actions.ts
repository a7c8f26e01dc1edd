import { AUDIT_ACTIONS } from '../storage/audit-log.js';

/** Audit actions: the stores' own, and the writes the services record themselves. */
export const SERVICE_AUDIT_ACTIONS = Object.freeze({
  ...AUDIT_ACTIONS,
  consumerPut: 'consumer.put',
  consumerDelete: 'consumer.delete',
  pinPut: 'pin.put',
  pinDelete: 'pin.delete',
  tokenCreate: 'token.create',
  tokenRevoke: 'token.revoke',
  runRecord: 'run.record',
  runPrune: 'run.prune',
  baselineAccept: 'baseline.accept',
});
