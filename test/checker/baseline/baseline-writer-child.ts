import { createFileBaselineStore } from '../../../checker/baseline/file-baseline-store.js';
import { checkReport } from '../../registry/http/runs-fixture.js';

/*
 * Records baselines of one source in a tight loop until killed, each a large report (a wide
 * profile) so that a kill lands in the middle of a write most of the time. Prints `wrote N`
 * after each write so the parent knows writes are under way.
 */
const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: baseline-writer-child.ts <dir>');
const store = createFileBaselineStore({ dir });
const base = checkReport();
const fields = Array.from({ length: 5_000 }, (_, i) => ({ field: `field_${i}`, declared: true, present: 500, presenceRate: 1, nulls: 0, nullRate: 0, types: { string: 500 }, distinct: 500 }));
for (let n = 1; ; n += 1) {
  await store.record({ ...base, read: n, profile: { ...base.profile, fields } });
  process.stdout.write(`wrote ${n}\n`);
}
