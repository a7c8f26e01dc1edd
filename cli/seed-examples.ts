import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { isConcordError } from '../contracts/index.js';
import { loadUploadDocument } from './upload-document.js';
import type { UploadDocument } from './upload-document.js';

/** Where a registry gets the example contracts from and publishes them to. */
export interface SeedTarget {
  /** Whether `id` `version` is published already. */
  has(id: string, version: string): Promise<boolean>;
  publish(document: UploadDocument): Promise<void>;
}

export interface SeedReport {
  /** `id version` of each example published now. */
  readonly published: readonly string[];
  /** `id version` of each example that was there already. */
  readonly present: readonly string[];
  /** One sentence per example that could not be published. */
  readonly failed: readonly string[];
}

const CONTRACT_FILE = /\.contract\.(ya?ml|json)$/;

/** contracts/examples, found from this file in both `cli/` (tsx) and `dist/cli/`. */
export function examplesFolder(): string {
  for (const relative of ['../contracts/examples', '../../contracts/examples']) {
    const folder = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(folder)) return folder;
  }
  return fileURLToPath(new URL('../contracts/examples', import.meta.url));
}

/**
 * Publishes every `*.contract.{yaml,yml,json}` in `folder` (default {@link examplesFolder}) that
 * `target` does not have yet, oldest version of each contract first so later ones are checked
 * against earlier ones. An example that fails is reported and the rest go on: seeding is a
 * convenience and must not keep the registry from starting.
 */
export async function seedExamples(target: SeedTarget, folder: string = examplesFolder()): Promise<SeedReport> {
  const published: string[] = [];
  const present: string[] = [];
  const failed: string[] = [];
  const documents: UploadDocument[] = [];
  if (!existsSync(folder)) return { published, present, failed: [`${folder}: no such folder; the example contracts ship in contracts/examples`] };
  for (const name of readdirSync(folder).filter((file) => CONTRACT_FILE.test(file)).sort()) {
    try {
      documents.push(await loadUploadDocument(join(folder, name)));
    } catch (error) {
      failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  documents.sort(
    (a, b) => a.contract.id.localeCompare(b.contract.id) || semver.compare(a.contract.version, b.contract.version),
  );
  for (const document of documents) {
    const label = `${document.contract.id} ${document.contract.version}`;
    try {
      if (await target.has(document.contract.id, document.contract.version)) {
        present.push(label);
        continue;
      }
      await target.publish(document);
      published.push(label);
    } catch (error) {
      if (!isConcordError(error)) throw error;
      failed.push(`${label}: ${error.message}`);
    }
  }
  return { published, present, failed };
}
