import { readFileSync, writeFileSync } from 'node:fs';
import { CONTRACT_THRESHOLD_KEYS, CONTRACT_THRESHOLDS_KEY, DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from './drift-thresholds.js';
import { DRIFT_RULES, type DriftRuleSpec } from './drift-rules.js';

export const DRIFT_RULES_START = '<!-- drift-rules:start (generated from checker/drift/drift-rules.ts; do not edit by hand) -->';
export const DRIFT_RULES_END = '<!-- drift-rules:end -->';

const AREA_TITLES: Readonly<Record<DriftRuleSpec['area'], string>> = {
  read: 'Read health',
  schema: 'Schema drift',
  statistics: 'Statistical drift (against the baseline)',
  sla: 'SLA',
  metric: 'Metric sanity',
};

const THRESHOLD_MEANINGS: Readonly<Record<keyof DriftThresholds, string>> = {
  psiWarn: 'PSI at or above which a distribution shift is a warning',
  psiBreaking: 'PSI at or above which a distribution shift is breaking',
  nullRateJump: 'rise of the null-or-missing share over the baseline (0..1) that warns',
  minValuesForShift: 'non-null values a field needs in the run and in the baseline before its distribution is compared',
  renameMaxPresence: 'presence rate at or below which a declared field counts as gone when looking for renames',
  unreadableWarn: 'share of the input that could not be read (malformed, oversized, not UTF-8) above which the run warns',
  unreadableBreaking: 'share of the input that could not be read above which the run is breaking',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The drift rule table and the thresholds as Markdown: docs/drift-rules.md holds this between its markers. */
export function renderDriftRulesMarkdown(rules: readonly DriftRuleSpec[] = DRIFT_RULES): string {
  const out: string[] = [];
  for (const area of Object.keys(AREA_TITLES) as DriftRuleSpec['area'][]) {
    const inArea = rules.filter((rule) => rule.area === area);
    if (inArea.length === 0) continue;
    out.push(`### ${AREA_TITLES[area]}`, '', '| rule | severity | meaning | what to do |', '|---|---|---|---|');
    for (const rule of inArea) {
      const severity = rule.escalation !== undefined ? `${rule.severity}; ${rule.escalation}` : rule.severity;
      out.push(`| \`${rule.id}\` | ${cell(severity)} | ${cell(rule.explanation)} | ${cell(rule.action)} |`);
    }
    out.push('');
  }
  out.push(`### Thresholds (contract: \`sla.${CONTRACT_THRESHOLDS_KEY}\`; job: \`thresholds\`)`, '', '| contract key | job option | default | meaning |', '|---|---|---|---|');
  for (const [contractKey, option] of Object.entries(CONTRACT_THRESHOLD_KEYS)) {
    out.push(`| \`${contractKey}\` | \`${option}\` | ${DEFAULT_DRIFT_THRESHOLDS[option]} | ${cell(THRESHOLD_MEANINGS[option])} |`);
  }
  out.push('');
  return out.join('\n');
}

/** A document with the text between the drift-rules markers replaced by the table as the code sees it. */
export function withDriftRules(document: string): string {
  const start = document.indexOf(DRIFT_RULES_START);
  const end = document.indexOf(DRIFT_RULES_END);
  if (start < 0 || end < start) throw new Error('the document has no drift-rules markers');
  return `${document.slice(0, start + DRIFT_RULES_START.length)}\n\n${renderDriftRulesMarkdown()}\n${document.slice(end)}`;
}

// `npx tsx checker/drift/drift-rules-markdown.ts` rewrites docs/drift-rules.md after a change to the table.
if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('../../docs/drift-rules.md', import.meta.url);
  writeFileSync(path, withDriftRules(readFileSync(path, 'utf8')));
  process.stdout.write('docs/drift-rules.md drift rules updated\n');
}
