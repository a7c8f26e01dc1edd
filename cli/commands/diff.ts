import type { Command } from 'commander';
import {
  changelogJson,
  renderChangelogMarkdown,
  renderChangelogText,
  parseMode,
  parsePolicy,
  diffContracts,
  diffSchemaDocuments,
  type DiffOptions,
  loadContractFile,
  type LoadedDocument,
  ConcordError,
  overriddenReport,
  utcDay,
  checkVersionBump,
} from '../../contracts/index.js';
import { parseFormat } from '../options.js';
import { loadRuleOverrides } from '../rules-file.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface DiffCommandOptions {
  readonly mode?: string;
  readonly policy?: string;
  readonly format: string;
  readonly rules?: string;
}

async function loadValid(path: string): Promise<LoadedDocument> {
  const document = await loadContractFile(path);
  const errors = document.problems.filter((problem) => problem.severity === 'breaking');
  if (errors.length > 0) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run concord lint ${path})` : '';
    throw new ConcordError(
      'invalid-contract',
      `${path} is not a valid contract: ${first?.message ?? 'invalid'}${more}`,
      { file: path, pointer: first?.path, line: first?.line, column: first?.column },
    );
  }
  return document;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('Compare two versions of a contract (or two JSON Schemas) and judge every change')
    .argument('<old>', 'the earlier contract document or JSON Schema file')
    .argument('<new>', 'the later contract document or JSON Schema file')
    .option('-m, --mode <mode>', "compatibility mode (default: the new contract's own, or forward for bare schemas)")
    .option('-p, --policy <policy>', "strict | lenient (default: the new contract's own, or strict)")
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .option('--rules <file>', 'rule overrides (severities, accepted findings); default the nearest .concord/rules.yaml from the working directory up')
    .addHelpText(
      'after',
      `
Modes (what must keep working after the change):
  forward   every record valid under the new version is valid under the old one, so consumers
            pinned to the old version keep working (the default for Concord contracts)
  backward  every record valid under the old version is valid under the new one (a new reader
            can read old data)
  full      both;  none  nothing is breaking
  *_transitive modes mean the same here: the transitive part matters when publishing to a registry.
Policies: strict treats a property added to an open content model as narrowing (old data may have
used that name with another type); lenient assumes it was not used.

Exit codes: 0 compatible, 1 at least one breaking change, 2 unreadable or invalid input.
JSON output: { compatible, mode, policy, requiredBump, changes: [{ rule, severity, path, message, before, after, fingerprint, accepted? }] }
An accepted change (see .concord/rules.yaml) stays listed with its reason but no longer counts.`,
    )
    .action(async (oldPath: string, newPath: string, options: DiffCommandOptions) => {
      const format = parseFormat(options.format, FORMATS);
      const diffOptions: DiffOptions = {
        ...(options.mode !== undefined ? { mode: parseMode(options.mode) } : {}),
        ...(options.policy !== undefined ? { policy: parsePolicy(options.policy) } : {}),
      };
      const overrides = loadRuleOverrides(options);
      const [before, after] = [await loadValid(oldPath), await loadValid(newPath)];
      const bothContracts = before.contract !== undefined && after.contract !== undefined;
      const judged =
        before.contract !== undefined && after.contract !== undefined
          ? diffContracts(before.contract, after.contract, diffOptions)
          : diffSchemaDocuments(before.schema, after.schema, diffOptions);
      const { report } = overriddenReport(judged, overrides, utcDay(new Date()));
      const versionCheck =
        bothContracts && before.contract !== undefined && after.contract !== undefined
          ? checkVersionBump(before.contract.version, after.contract.version, report.requiredBump, after.contract.id)
          : undefined;
      const output =
        format === 'json'
          ? `${JSON.stringify(changelogJson(report, versionCheck), null, 2)}\n`
          : format === 'markdown'
            ? renderChangelogMarkdown(report, versionCheck)
            : renderChangelogText(report, versionCheck);
      process.stdout.write(output);
      process.exitCode = report.compatible ? 0 : 1;
    });
}
