import type { Command } from 'commander';
import { renderCatalogMarkdown } from '../../contracts/rules/catalog-markdown.js';
import { RULE_CATALOG } from '../../contracts/rules/catalog.js';
import { parseFormat } from '../options.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('List the rule catalog: every change Concord detects, and which direction it breaks')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .option('-a, --area <area>', 'only rules of one area: schema | metric | feature | contract')
    .action((options: { format: string; area?: string }) => {
      const format = parseFormat(options.format, FORMATS);
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
