import { readFile } from 'node:fs/promises';
import { loadContractFile, parseText, ConcordError } from '../contracts/index.js';
import type { RegistryResolver, Contract } from '../contracts/index.js';

/** A contract file made ready to send to a registry, which refuses file `$ref`s over HTTP. */
export interface UploadDocument {
  readonly contract: Contract;
  /** The document as written (extension keys and all), with its record schema bundled. */
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Loads a contract file with its file `$ref`s bundled from its own folder and `registry:` refs
 * resolved through `resolveRegistryRef` (default: none, which makes such refs an error). Throws
 * ConcordError `invalid-contract` naming the first error problem when the file is not a valid
 * contract, and `invalid-argument` when it is a bare JSON Schema.
 */
export async function loadUploadDocument(path: string, resolveRegistryRef?: RegistryResolver): Promise<UploadDocument> {
  const loaded = await loadContractFile(path, resolveRegistryRef === undefined ? {} : { resolveRegistryRef });
  if (loaded.kind !== 'contract') {
    throw new ConcordError('invalid-argument', `${path} is a JSON Schema, not a contract: add contract, version, owner and schema keys around it`, {
      file: path,
    });
  }
  const errors = loaded.problems.filter((problem) => problem.severity === 'breaking');
  const first = errors[0];
  if (loaded.contract === undefined || first !== undefined) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more; run concord lint ${path})` : '';
    throw new ConcordError('invalid-contract', `${path} is not a valid contract: ${first?.message ?? 'invalid'}${more}`, {
      file: path,
      ...(first !== undefined ? { pointer: first.path, line: first.line, column: first.column } : {}),
    });
  }
  // Parsed a second time to send what the author wrote rather than the normalised model; the
  // loader already read this file, so a parse error here cannot happen.
  const written = parseText(await readFile(path, 'utf8'), { file: path }).value as Record<string, unknown>;
  return { contract: loaded.contract, body: Object.freeze({ ...written, schema: loaded.schema }) };
}
