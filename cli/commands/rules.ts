import type { Command } from 'commander';
import { renderDriftRulesMarkdown } from '../../checker/index.js';
import type { DriftRuleSpec } from '../../checker/index.js';
import {
  renderCatalogMarkdown,
  renderRuleRowsMarkdown,
  FINDING_KINDS,
  type FindingKind,
  type RuleRow,
  type RuleSpec,
  ConcordError,
} from '../../contracts/index.js';
import { parseFormat } from '../options.js';
import { CATALOGS } from '../rule-catalogs.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface RulesOptions {
  readonly format: string;
  readonly json?: boolean;
  readonly kind?: string;
  readonly area?: string;
}

function parseKind(text: string): FindingKind {
  if ((FINDING_KINDS as readonly string[]).includes(text)) return text as FindingKind;
  throw new ConcordError('invalid-argument', `unknown rule kind "${text}": use one of ${FINDING_KINDS.join(', ')}`);
}

/** `--area drift` predates `--kind` and still means the drift catalog; other areas narrow within a kind. */
function selectedKinds(options: RulesOptions): readonly FindingKind[] {
  if (options.kind !== undefined) return [parseKind(options.kind)];
  if (options.area === 'drift') return ['drift'];
  if (options.area !== undefined) return ['change'];
  return FINDING_KINDS;
}

function withinArea(rules: readonly RuleRow[], area: string | undefined): readonly RuleRow[] {
  if (area === undefined || area === 'drift') return rules;
  return rules.filter((rule) => 'area' in rule && rule.area === area);
}

/** What a text line says after the severity: a change rule's directions, or a drift rule's escalation. */
function detail(rule: RuleRow): string {
  if (rule.kind === 'change') {
    const spec = rule as RuleSpec;
    const lenient = spec.lenientBreaks !== undefined ? ` (lenient: ${spec.lenientBreaks})` : '';
    return `breaks ${spec.breaks}${lenient}  ${rule.explanation}`;
  }
  const escalation = rule.kind === 'drift' ? (rule as DriftRuleSpec).escalation : undefined;
  return escalation !== undefined ? `(${escalation})  ${rule.explanation}` : rule.explanation;
}

function markdown(kind: FindingKind, rules: readonly RuleRow[]): string {
  if (kind === 'change') return renderCatalogMarkdown(rules as readonly RuleSpec[]);
  if (kind === 'drift') return renderDriftRulesMarkdown(rules as readonly DriftRuleSpec[]);
  return renderRuleRowsMarkdown(rules);
}

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List the rule catalogs: every change, lint problem, drift finding and read issue Concord reports, with its default severity')
    .option('-k, --kind <kind>', `only the rules of one kind: ${FINDING_KINDS.join(' | ')}`)
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .option('--json', 'the same as --format json')
    .option('-a, --area <area>', 'only rules of one area: schema | metric | feature | contract (change rules), or drift (the same as --kind drift)')
    .action((options: RulesOptions) => {
      const format = options.json === true ? 'json' : parseFormat(options.format, FORMATS);
      const selected = selectedKinds(options).map((kind) => [kind, withinArea(CATALOGS[kind], options.area)] as const);
      const rules = selected.flatMap(([, rows]) => rows);
      if (format === 'json') process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
      else if (format === 'markdown') process.stdout.write(selected.map(([kind, rows]) => markdown(kind, rows)).join('\n'));
      else {
        const width = Math.max(...rules.map((rule) => rule.id.length), 4);
        for (const rule of rules) {
          process.stdout.write(`${rule.id.padEnd(width)}  ${rule.kind.padEnd(6)}  ${rule.severity.padEnd(8)}  ${detail(rule)}\n`);
        }
      }
    });
}
