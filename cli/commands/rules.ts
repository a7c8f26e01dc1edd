import type { Command } from 'commander';
import { renderDriftRulesMarkdown } from '../../checker/drift/drift-rules-markdown.js';
import { DRIFT_RULES } from '../../checker/drift/index.js';
import { renderCatalogMarkdown } from '../../contracts/rules/catalog-markdown.js';
import { RULE_CATALOG } from '../../contracts/rules/catalog.js';
import { parseFormat } from '../options.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List the rule catalog: every change Concord detects, and which direction it breaks (--area drift: the drift rules of feed checks)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .option('-a, --area <area>', 'only rules of one area: schema | metric | feature | contract, or drift for the rules of concord check')
    .action((options: { format: string; area?: string }) => {
      const format = parseFormat(options.format, FORMATS);
      if (options.area === 'drift') {
        if (format === 'json') process.stdout.write(`${JSON.stringify(DRIFT_RULES, null, 2)}\n`);
        else if (format === 'markdown') process.stdout.write(renderDriftRulesMarkdown());
        else {
          const width = Math.max(...DRIFT_RULES.map((rule) => rule.id.length));
          for (const rule of DRIFT_RULES) {
            const escalation = rule.escalation !== undefined ? ` (${rule.escalation})` : '';
            process.stdout.write(`${rule.id.padEnd(width)}  ${rule.area}  ${rule.severity}${escalation}  ${rule.meaning}\n`);
          }
        }
        return;
      }
      const rules = options.area === undefined ? RULE_CATALOG : RULE_CATALOG.filter((rule) => rule.area === options.area);
      if (format === 'json') process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
      else if (format === 'markdown') process.stdout.write(renderCatalogMarkdown(rules));
      else {
        const width = Math.max(...rules.map((rule) => rule.id.length), 4);
        for (const rule of rules) {
          const lenient = rule.lenientBreaks !== undefined ? ` (lenient: ${rule.lenientBreaks})` : '';
          process.stdout.write(`${rule.id.padEnd(width)}  breaks ${rule.breaks}${lenient}  ${rule.explanation}\n`);
        }
      }
    });
}
