import { ConcordError, loadContractText, parseText, lintSemantics } from '../../contracts/index.js';
import type { LintProblem, TextFormat, RegistryResolver, Contract, RuleOverrides } from '../../contracts/index.js';
import { measureSchema, requireModestSchema } from '../evaluation/schema-extent.js';
import type { SchemaExtent } from '../evaluation/schema-extent.js';
import { splitOverrides } from './body-overrides.js';
import { RefusalError } from './refusal-error.js';

/** The name bodies go by in problems and errors. */
export const BODY_NAME = '<body>';

/**
 * Largest bundled record schema, in bytes of JSON, the registry stores. Every version keeps its
 * schema and transitive modes diff a candidate against each earlier one, so the schema's size is
 * paid per version and per comparison; 512 KiB is several times the largest hand-written schemas,
 * and `registry:` refs cannot inflate a schema past it.
 */
export const MAX_SCHEMA_BYTES = 512 * 1024;

/** A contract body as it arrived: text, and the format its content type named (sniffed when undefined). */
export interface ContractText {
  readonly text: string;
  readonly format?: TextFormat;
}

/** A contract ready to be checked or published. */
export interface Candidate {
  readonly contract: Contract;
  /** The document as sent, a plain JSON value, stored for display. */
  readonly document: unknown;
  /** Lint warnings: they do not stop a publish but are worth showing. */
  readonly warnings: readonly LintProblem[];
  /** The body's `overrides` member (see body-overrides.ts), applied by the publish evaluation. */
  readonly overrides?: RuleOverrides;
}

function summarize(problems: readonly LintProblem[]): string {
  const [first] = problems;
  const where = first === undefined ? '' : ` First: ${first.path === '' ? '/' : first.path}: ${first.message}`;
  return `${problems.length} problem${problems.length === 1 ? '' : 's'}.${where}`;
}

/** What a body says it is before it is checked: for messages about work that stopped part-way. */
export interface BodyLabel {
  /** `commerce.orders 1.2.0`, or as much of it as the document gives. */
  readonly label: string;
  readonly extent: SchemaExtent;
}

/** What a parsed document says it is: `contract version` (`the contract` when it does not say) and its schema's extent. */
export function describeBody(document: unknown): BodyLabel {
  const record = document !== null && typeof document === 'object' ? (document as Record<string, unknown>) : {};
  const part = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value.slice(0, 200) : undefined);
  const label = [part(record.contract) ?? 'the contract', part(record.version)].filter((each) => each !== undefined).join(' ');
  return { label, extent: measureSchema(record.schema) };
}

/**
 * Loads a contract from a request body: parses it, bundles its schema with no file refs at all
 * (`registry:` refs through `resolveRegistryRef`), and lints structure, schema (including unsafe
 * patterns) and semantics. Throws RefusalError `invalid-contract` listing every problem when any
 * is an error, ConcordError `too-large` for a schema over {@link MAX_SCHEMA_BYTES}, and whatever
 * parsing and bundling throw (`unreadable-input`, `too-large`, `ref-forbidden`, `ref-unresolved`).
 * A schema wider or larger than the evaluation limits (evaluation-limits.ts) is ConcordError
 * `too-complex`, checked before bundling and again after. `observe` hears what the body says it
 * is as soon as it is parsed.
 */
export async function loadCandidate(body: ContractText, resolveRegistryRef: RegistryResolver, observe?: (seen: BodyLabel) => void): Promise<Candidate> {
  const sent = parseText(body.text, { file: BODY_NAME, ...(body.format === undefined ? {} : { format: body.format }) }).value;
  const { document, overrides } = splitOverrides(sent);
  // A body with overrides is loaded without them, so the stored document and its lint are the contract's alone.
  const text = document === sent ? body.text : JSON.stringify(document);
  const format = document !== sent ? { format: 'json' as const } : body.format === undefined ? {} : { format: body.format };
  const seen = describeBody(document);
  const { label } = seen;
  observe?.(seen);
  requireModestSchema(seen.extent, label);
  const loaded = await loadContractText(text, { file: BODY_NAME, ...format, resolveRegistryRef });
  if (loaded.kind !== 'contract') {
    throw new RefusalError(
      'invalid-contract',
      'the body is not a contract document: send a contract with contract: namespace.name, version, owner and schema',
      loaded.problems,
    );
  }
  const problems = [...loaded.problems, ...(loaded.contract === undefined ? [] : lintSemantics(loaded.contract))];
  const errors = problems.filter((problem) => problem.severity === 'breaking');
  if (loaded.contract === undefined || errors.length > 0) {
    throw new RefusalError('invalid-contract', `the contract is not valid: ${summarize(errors)} Fix every problem listed and send it again.`, problems);
  }
  const contract = loaded.contract;
  requireModestSchema(measureSchema(contract.schema), label);
  const schemaBytes = Buffer.byteLength(JSON.stringify(contract.schema), 'utf8');
  if (schemaBytes > MAX_SCHEMA_BYTES) {
    throw new ConcordError(
      'too-large',
      `${contract.id} ${contract.version}: the bundled record schema is ${schemaBytes} bytes, more than ${MAX_SCHEMA_BYTES}: split the feed into smaller contracts or drop unused definitions`,
      { pointer: '/schema' },
    );
  }
  return { contract, document, warnings: problems, ...(overrides === undefined ? {} : { overrides }) };
}
