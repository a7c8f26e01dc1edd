import type { ContractConsumer } from '../registry/client/index.js';

function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * The consumers of a contract with what their agents report: one line each with the range it
 * pins, when it was last seen, the version in use, its reject rate and the fields rejected
 * records fail at most. Consumers that never reported say so, so an owner sees who is silent.
 */
export function renderConsumerUsage(contract: string, items: readonly ContractConsumer[]): string {
  if (items.length === 0) return `no consumer pins ${contract}\n`;
  const rows = items.map((item) => {
    const usage = item.usage;
    if (usage === null) return [item.consumer, item.range, 'never reported', '-', '-', ''];
    const fields = usage.topFields.slice(0, 3).map((each) => `${each.field === '' ? '(record)' : each.field} ${each.count}`).join(', ');
    return [item.consumer, item.range, `last seen ${usage.lastSeen}`, `uses ${usage.versionInUse}`, `rejects ${percent(usage.rejectRate)} of ${usage.validated}`, fields === '' ? '' : `top failing: ${fields}`];
  });
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n')}\n`;
}
