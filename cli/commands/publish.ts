import type { Command } from 'commander';
import type { RegistryTarget, JsonSchema, RuleOverrides } from '../../contracts/index.js';
import { hasRule, isConcordError } from '../../contracts/index.js';
import type { RegistryClient } from '../../registry/client/index.js';
import { parseFormat } from '../options.js';
import { addRegistryOptions, registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';
import { renderCheck, renderErrorFindings, renderPublished, renderRefusal, wouldPublish } from '../registry-render.js';
import { loadRuleOverrides, type RulesFileOption } from '../rules-file.js';
import { loadUploadDocument } from '../upload-document.js';

const FORMATS = ['text', 'json'] as const;

/** Registry codes that mean "the registry looked at it and said no", which exit 1 like findings do. */
const REFUSAL_CODES: ReadonlySet<string> = new Set(['breaking-change', 'conflict', 'forbidden']);

interface PublishOptions extends RegistryCommandOptions, RulesFileOption {
  readonly dryRun?: boolean;
  readonly format: string;
}

/**
 * The overrides a publish sends with the document: those of change rules, the only findings the
 * registry's publish evaluation judges (a rules file may also tune lint, drift and read rules).
 */
function changeOverrides(overrides: RuleOverrides | undefined): RuleOverrides | undefined {
  if (overrides === undefined) return undefined;
  const rules = Object.fromEntries(Object.entries(overrides.rules).filter(([id]) => hasRule(id)));
  return Object.keys(rules).length === 0 ? undefined : { rules };
}

/** `registry:` refs in a local file are resolved from the registry the file is published to. */
function resolverFor(client: RegistryClient) {
  return async (target: RegistryTarget): Promise<JsonSchema> => (await client.resolve(target.contract, target.range)).schema;
}

/** Adds `concord publish <file> [--dry-run]`; text output by default, registry from --url, CONCORD_URL or the local default. */
export function registerPublish(program: Command): void {
  const command = program
    .command('publish')
    .description('Publish a contract file to the registry, or check it first with --dry-run')
    .argument('<file>', 'the contract document (YAML or JSON); file $refs inside its folder are bundled before sending')
    .option('--dry-run', 'check the contract against the registry and list affected consumers; store nothing')
    .option('-f, --format <format>', `output format: ${FORMATS.join(' | ')}`, 'text')
    .option('--rules <file>', 'rule overrides (severities, accepted findings) sent with the contract; default the nearest .concord/rules.yaml from the working directory up');
  addRegistryOptions(command).addHelpText(
    'after',
    `
The registry compares the new version with the earlier ones in the contract's compatibility mode
and refuses a breaking change that is not published as a new major version, naming every finding.
Re-publishing identical content is harmless; different content under a published version is refused.
The change-rule overrides of .concord/rules.yaml (or --rules FILE) go with the contract: a change
accepted there until a day no longer asks for a major version, and the registry records the acceptance.

Exit codes: 0 published (or, with --dry-run, would be accepted), 1 refused (breaking change,
conflict, or not allowed: ownership, role or namespace), 2 invalid contract, bad arguments, or
registry unreachable.

Examples:
  concord publish contracts/examples/orders.contract.yaml
  concord publish orders.contract.yaml --dry-run --url http://registry:8080 --token "$TOKEN"
  CONCORD_URL=http://127.0.0.1:8080 CONCORD_TOKEN=cnc_... concord publish orders.contract.yaml --format json`,
  );
  command.action(async (file: string, options: PublishOptions) => {
    const format = parseFormat(options.format, FORMATS);
    const client = registryClientFrom(options);
    const overrides = changeOverrides(loadRuleOverrides(options));
    const upload = await loadUploadDocument(file, resolverFor(client));
    const body = overrides === undefined ? upload.body : { ...upload.body, overrides };
    const print = (text: string, json: unknown): void => {
      process.stdout.write(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : text);
    };

    if (options.dryRun === true) {
      const result = await client.check(upload.contract.id, body);
      print(renderCheck(result, upload.contract), result);
      process.exitCode = wouldPublish(result) ? 0 : 1;
      return;
    }
    try {
      const result = await client.publish(body);
      print(renderPublished(result, upload.contract), result);
    } catch (error) {
      const remote = isConcordError(error) ? error.detail.remote : undefined;
      if (!isConcordError(error) || remote === undefined) throw error;
      const findings = remote.findings ?? [];
      if (!REFUSAL_CODES.has(remote.code)) {
        // Invalid contracts come with their problems; main() prints the message after them.
        process.stderr.write(renderErrorFindings(findings, upload.contract));
        throw error;
      }
      const reasons = remote.reasons ?? [];
      const refusal = { error: { code: remote.code, message: error.message, findings, ...(reasons.length === 0 ? {} : { reasons }) } };
      if (format === 'json') process.stdout.write(`${JSON.stringify(refusal, null, 2)}\n`);
      else process.stderr.write(renderRefusal(error.message, findings, upload.contract, reasons));
      process.exitCode = 1;
    }
  });
}
