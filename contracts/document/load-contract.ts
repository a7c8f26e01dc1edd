import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConcordError } from '../errors.js';
import type { LintProblem } from '../findings.js';
import type { Contract, JsonSchema } from '../model.js';
import { problemAt, type ProblemSite } from './ajv-messages.js';
import { MAX_DOCUMENT_BYTES } from './limits.js';
import { normalizeContract, type ContractDocument } from './normalize-contract.js';
import { parseText, type TextFormat } from './parse-text.js';
import { bundleSchema, type RegistryResolver } from './safe-bundle.js';
import { checkRecordSchema } from './schema-check.js';
import type { SourcePosition } from './source-positions.js';
import { validateDocument } from './validate-document.js';

export interface LoadOptions {
  /** Resolves `registry:` refs in the record schema; without it they are `ref-unresolved`. */
  readonly resolveRegistryRef?: RegistryResolver;
  /** Overrides the format chosen by file extension or content. */
  readonly format?: TextFormat;
}

export interface LoadTextOptions extends LoadOptions {
  /** Named in problems and errors; defaults to `<input>`. */
  readonly file?: string;
  /** The folder relative file `$ref`s resolve in and must stay inside; undefined allows no file refs. */
  readonly baseDir?: string;
}

/** A contract document or bare JSON Schema file, read, checked and bundled. */
export interface LoadedDocument {
  readonly file: string;
  /** `contract` when the document has a top-level `contract` key; otherwise it is a JSON Schema. */
  readonly kind: 'contract' | 'schema';
  /** Present only when no problem has severity `error`. */
  readonly contract?: Contract;
  /** The bundled record schema; `{}` when a contract has no usable `schema`. */
  readonly schema: JsonSchema;
  readonly problems: readonly LintProblem[];
  /** 1-based line and column of a JSON pointer in the document, or of its nearest existing ancestor. */
  locate(pointer: string): SourcePosition | undefined;
}

const DEFAULT_NAME = '<input>';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'boolean' || isRecord(value);
}

/** A bare schema that has contract fields but no `contract` key is almost surely a contract missing its id. */
function looksLikeContract(value: Record<string, unknown>, site: ProblemSite): LintProblem[] {
  if (!('owner' in value && 'schema' in value)) return [];
  const text = 'this document has owner and schema but no contract key, so it was read as a JSON Schema: add contract: namespace.name to make it a contract';
  return [problemAt('document-missing-contract', 'breaking', '', text, site)];
}

/**
 * Loads a contract document or bare JSON Schema from text, as it arrives in an HTTP body.
 * Relative file `$ref`s resolve inside `options.baseDir`; with no `baseDir`, file refs are
 * refused. Structure, record schema and pattern problems come back as `problems`; unreadable
 * text, forbidden or unresolvable refs and exceeded limits throw ConcordError.
 */
export async function loadContractText(text: string, options: LoadTextOptions = {}): Promise<LoadedDocument> {
  const file = options.file ?? DEFAULT_NAME;
  const parsed = parseText(text, { file, ...(options.format !== undefined ? { format: options.format } : {}) });
  const site: ProblemSite = { file, locate: parsed.locate };
  const value = parsed.value;
  const bundle = (schema: JsonSchema, pointer: string): Promise<JsonSchema> =>
    bundleSchema(schema, {
      file,
      pointer,
      locate: parsed.locate,
      ...(options.baseDir !== undefined ? { baseDir: options.baseDir } : {}),
      ...(options.resolveRegistryRef !== undefined ? { resolveRegistryRef: options.resolveRegistryRef } : {}),
    });
  const result = (kind: LoadedDocument['kind'], schema: JsonSchema, problems: readonly LintProblem[], contract?: Contract): LoadedDocument =>
    Object.freeze({ file, kind, schema, problems: Object.freeze([...problems]), locate: parsed.locate, ...(contract !== undefined ? { contract } : {}) });

  if (isRecord(value) && Object.hasOwn(value, 'contract')) {
    const structure = validateDocument(value, site);
    const schema = isSchema(value.schema) ? await bundle(value.schema, '/schema') : {};
    const problems = isSchema(value.schema) ? [...structure, ...checkRecordSchema(schema, { ...site, pointerPrefix: '/schema' })] : structure;
    const valid = !problems.some((problem) => problem.severity === 'breaking');
    // The cast is safe: without error problems the document matched the meta-schema.
    const contract = valid ? normalizeContract({ ...(value as unknown as ContractDocument), schema }) : undefined;
    return result('contract', schema, problems, contract);
  }
  if (!isSchema(value)) {
    const text = `a JSON Schema file must hold an object or true/false, not ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}: write a contract (with a contract key) or a JSON Schema`;
    return result('schema', {}, [problemAt('schema-invalid', 'breaking', '', text, site)]);
  }
  const schema = await bundle(value, '');
  return result('schema', schema, [...(isRecord(value) ? looksLikeContract(value, site) : []), ...checkRecordSchema(schema, site)]);
}

/**
 * Reads and loads a contract document or bare JSON Schema file (see `loadContractText`); file
 * `$ref`s resolve inside the file's own folder. Throws ConcordError `unreadable-input` for a
 * missing, unreadable or non-UTF-8 file and `too-large` past `MAX_DOCUMENT_BYTES`.
 */
export async function loadContractFile(path: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  let bytes: Buffer;
  try {
    const stats = await fs.stat(path);
    if (!stats.isFile()) throw new ConcordError('unreadable-input', `${path} is not a file: name a contract or schema file`, { file: path });
    if (stats.size > MAX_DOCUMENT_BYTES) {
      throw new ConcordError('too-large', `${path} is larger than ${MAX_DOCUMENT_BYTES} bytes: split the schema into files referenced with $ref`, { file: path });
    }
    bytes = await fs.readFile(path);
  } catch (error) {
    if (error instanceof ConcordError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new ConcordError('unreadable-input', `cannot read ${path}: ${reason}`, { file: path }, { cause: error });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ConcordError('unreadable-input', `${path} is not UTF-8 text: save it as UTF-8`, { file: path }, { cause: error });
  }
  return loadContractText(text, { ...options, file: path, baseDir: dirname(resolve(path)) });
}
