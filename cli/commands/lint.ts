import type { Command } from 'commander';
import { lintContract, type LintResult } from '../../contracts/index.js';
import { parseFormat } from '../options.js';

const FORMATS = ['text', 'json'] as const;

function renderText(result: LintResult): string {
  const subject = result.contract !== undefined ? `${result.contract} ${result.version}` : result.kind === 'schema' ? 'JSON Schema' : 'document';
  const lines = result.problems.map((problem) => {
    const where = [problem.file ?? result.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
    return `${where}: ${problem.severity} ${problem.message} [${problem.rule} at ${problem.path === '' ? '/' : problem.path}]`;
  });
  const breaking = result.problems.filter((problem) => problem.severity === 'breaking').length;
  const warnings = result.problems.length - breaking;
  lines.push(
    result.valid
      ? `${result.file}: ${subject} is valid${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`
      : `${result.file}: ${subject} is invalid: ${breaking} breaking, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('Check a contract document (YAML or JSON) or a bare JSON Schema file')
    .argument('<file...>', 'contract documents or JSON Schema files')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .addHelpText(
      'after',
      `
Checks the document's structure against the contract meta-schema, bundles $refs (only files inside
the contract's folder; never the network), compiles the record schema, refuses regular expressions
that could hang a validator, and checks that metrics and features only use fields the schema has.

A breaking problem makes the document invalid: nothing can be published from it.
Exit codes: 0 every file valid (warnings allowed), 1 some file has a breaking problem, 2 a file is unreadable.`,
    )
    .action(async (files: string[], options: { format: string }) => {
      const format = parseFormat(options.format, FORMATS);
      const results: LintResult[] = [];
      for (const file of files) results.push(await lintContract(file));
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
      } else {
        for (const result of results) process.stdout.write(renderText(result));
      }
      process.exitCode = results.every((result) => result.valid) ? 0 : 1;
    });
}
