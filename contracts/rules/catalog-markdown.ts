import type { RuleRow } from './rule-row.js';
import type { RuleSpec } from './rule-spec.js';

const AREA_TITLES: Readonly<Record<RuleSpec['area'], string>> = {
  schema: 'Record schema',
  metric: 'Metrics',
  feature: 'ML features',
  contract: 'Contract metadata',
};

function breaksText(rule: RuleSpec): string {
  const text = rule.breaks === 'none' ? 'nothing' : rule.breaks === 'both' ? 'backward and forward' : rule.breaks;
  if (rule.lenientBreaks === undefined) return text;
  const lenient = rule.lenientBreaks === 'none' ? 'nothing' : rule.lenientBreaks === 'both' ? 'both' : rule.lenientBreaks;
  return `${text} (lenient: ${lenient})`;
}

/** The rule catalog as Markdown tables, one per area: the README's catalog section is this text. */
export function renderCatalogMarkdown(rules: readonly RuleSpec[]): string {
  const out: string[] = [];
  for (const area of Object.keys(AREA_TITLES) as RuleSpec['area'][]) {
    const inArea = rules.filter((rule) => rule.area === area);
    if (inArea.length === 0) continue;
    out.push(`#### ${AREA_TITLES[area]}`, '', '| rule | breaks | otherwise | bump | meaning |', '|---|---|---|---|---|');
    for (const rule of inArea) {
      const explanation = rule.explanation.replace(/\|/g, '\\|');
      out.push(`| \`${rule.id}\` | ${breaksText(rule)} | ${rule.otherwise} | ${rule.bump} | ${explanation} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Rule rows of any kind as one Markdown table (id, default severity, explanation): the lint and read catalogs. */
export function renderRuleRowsMarkdown(rules: readonly RuleRow[]): string {
  const out = ['| rule | severity | meaning |', '|---|---|---|'];
  for (const rule of rules) out.push(`| \`${rule.id}\` | ${rule.severity} | ${rule.explanation.replace(/\|/g, '\\|')} |`);
  return `${out.join('\n')}\n`;
}
