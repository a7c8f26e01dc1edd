import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CompatibilityPolicy, JsonSchema } from '../../contracts/model.js';
import { parseTolerantJson } from './tolerant-json.js';

/**
 * Third-party conformance cases, read from a folder at run time (never copied into the project):
 * `confluent/*.json` (arrays of backward checks under the strict and lenient policies) and
 * `apicurio/*.json` (`{tests: [...]}` with an expected verdict for backward and forward).
 */

export type Suite = 'confluent' | 'apicurio';

export interface Expected {
  /** Can the new schema read every record the old one accepted? */
  readonly backward: boolean;
  /** Can the old schema read every record the new one accepts? Absent when the case does not say. */
  readonly forward?: boolean;
}

export interface ConformanceCheck {
  /** Path of the data file relative to the folder, e.g. `confluent/diff-schema-examples.json`. */
  readonly file: string;
  readonly suite: Suite;
  readonly policy: CompatibilityPolicy;
  /** The case's description or id. */
  readonly label: string;
  readonly before: JsonSchema;
  readonly after: JsonSchema;
  readonly expected: Expected;
}

/** A data file that is not what the runner expects: the run stops with exit code 2. */
export class ConformanceDataError extends Error {
  override readonly name = 'ConformanceDataError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function schemaField(entry: Record<string, unknown>, key: string, where: string): JsonSchema {
  const value = entry[key];
  if (typeof value === 'boolean' || isRecord(value)) return value;
  throw new ConformanceDataError(`${where}: "${key}" is not a schema (object or boolean)`);
}

/** Confluent cases: each is a backward check, strict by `compatible`, lenient by `compatible_lenient` when present. */
export function confluentChecks(file: string, data: unknown): ConformanceCheck[] {
  if (!Array.isArray(data)) throw new ConformanceDataError(`${file}: expected a top-level array of cases`);
  return data.flatMap((entry: unknown, index) => {
    const where = `${file} case ${index}`;
    if (!isRecord(entry) || typeof entry['compatible'] !== 'boolean') throw new ConformanceDataError(`${where}: expected an object with a boolean "compatible"`);
    const label = typeof entry['description'] === 'string' ? entry['description'] : `case ${index}`;
    const before = schemaField(entry, 'original_schema', where);
    const after = schemaField(entry, 'update_schema', where);
    const strict = entry['compatible'];
    const lenient = typeof entry['compatible_lenient'] === 'boolean' ? entry['compatible_lenient'] : strict;
    const common = { file, suite: 'confluent' as const, label: `#${index} ${label}`, before, after };
    return [
      { ...common, policy: 'strict' as const, expected: { backward: strict } },
      { ...common, policy: 'lenient' as const, expected: { backward: lenient } },
    ];
  });
}

const APICURIO_VERDICTS: Readonly<Record<string, Expected>> = {
  backward: { backward: true, forward: false },
  both: { backward: true, forward: true },
  none: { backward: false, forward: false },
};

/** Apicurio cases: `backward` means backward passes and forward fails, `both` both pass, `none` both fail. */
export function apicurioChecks(file: string, data: unknown): ConformanceCheck[] {
  if (!isRecord(data) || !Array.isArray(data['tests'])) throw new ConformanceDataError(`${file}: expected an object with a "tests" array`);
  return data['tests'].flatMap((entry: unknown, index) => {
    const where = `${file} test ${index}`;
    if (!isRecord(entry)) throw new ConformanceDataError(`${where}: expected an object`);
    if (entry['enabled'] === false) return [];
    const expected = APICURIO_VERDICTS[String(entry['compatibility'])];
    if (expected === undefined) throw new ConformanceDataError(`${where}: unknown compatibility ${JSON.stringify(entry['compatibility'])}`);
    const label = typeof entry['id'] === 'string' ? entry['id'] : `test ${index}`;
    return [{
      file, suite: 'apicurio' as const, policy: 'strict' as const, label: `#${index} ${label}`,
      before: schemaField(entry, 'original', where), after: schemaField(entry, 'updated', where), expected,
    }];
  });
}

function jsonFiles(folder: string, suite: Suite): string[] {
  const dir = join(folder, suite);
  try {
    if (!statSync(dir).isDirectory()) return [];
  } catch {
    return [];
  }
  return readdirSync(dir).filter((name) => name.endsWith('.json')).sort().map((name) => `${suite}/${name}`);
}

/** Reads every check under `folder`; throws ConformanceDataError when the folder has no data or a file does not parse. */
export function loadChecks(folder: string): ConformanceCheck[] {
  try {
    if (!statSync(folder).isDirectory()) throw new ConformanceDataError(`${folder} is not a folder`);
  } catch (error) {
    if (error instanceof ConformanceDataError) throw error;
    throw new ConformanceDataError(`cannot read the conformance folder ${folder}: ${(error as Error).message}`);
  }
  const files = [...jsonFiles(folder, 'confluent'), ...jsonFiles(folder, 'apicurio')];
  if (files.length === 0) throw new ConformanceDataError(`${folder} has no confluent/*.json or apicurio/*.json files`);
  return files.flatMap((file) => {
    let data: unknown;
    try {
      data = parseTolerantJson(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw new ConformanceDataError(`cannot parse ${file}: ${(error as Error).message}`);
    }
    return file.startsWith('confluent/') ? confluentChecks(file, data) : apicurioChecks(file, data);
  });
}
