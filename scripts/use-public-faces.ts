import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PART_RULES, faceOf, partOf } from './architecture/layer-rules.js';
import { planFaces } from './architecture/face-plan.js';
import { resolveSpecifier } from './architecture/read-imports.js';
import { addFaceExports, applyEdits, mergeImports } from './architecture/source-edits.js';

/*
 * Rewrites every cross-part import in non-test code that reaches past a part's public face
 * (`../contracts/diff/schema-diff.js` from registry/) to the face itself, and adds what the face
 * lacks to its index.ts. Idempotent: a second run changes nothing. `--check` writes nothing and
 * exits 1 when a run would change something, so it can guard a merge.
 *
 *   npx tsx scripts/use-public-faces.ts [--check]
 */

/** What one run changed (or, with `--check`, would change). */
export interface FacesRun {
  readonly changed: readonly string[];
  readonly leftAlone: readonly string[];
}

function faceHeader(face: string): string {
  return `/** The public face of ${dirname(face)}/: other parts import only what this file exports. */\n`;
}

/** Plans and, unless `check`, applies the rewrite in the repository at `root`. */
export function usePublicFaces(root: string, check: boolean): FacesRun {
  const plan = planFaces(root);
  const results = new Map<string, string>();
  const original = (file: string): string => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '');
  const read = (file: string): string => results.get(file) ?? original(file);

  for (const [face, additions] of plan.exports) {
    const before = read(face);
    results.set(face, addFaceExports(face, before === '' ? faceHeader(face) : before, additions));
  }
  for (const [file, edits] of plan.edits) {
    const fromPart = partOf(file);
    const rewritten = applyEdits(read(file), edits);
    // Only imports of other parts' faces are merged, so the rest of the file keeps its shape.
    const isFace = (specifier: string): boolean => {
      const target = resolveSpecifier(root, file, specifier);
      const part = target === undefined ? undefined : partOf(target);
      return part !== undefined && part !== fromPart && target === faceOf(part);
    };
    results.set(file, mergeImports(file, rewritten, isFace));
  }

  const changed = [...results].filter(([file, text]) => text !== original(file));
  if (!check) for (const [file, text] of changed) writeFileSync(join(root, file), text);
  return { changed: changed.map(([file]) => file).sort(), leftAlone: plan.leftAlone };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const run = usePublicFaces(root, check);
  const verb = check ? 'would change' : 'changed';
  process.stdout.write(`${verb} ${run.changed.length} file(s)${run.changed.map((file) => `\n  ${file}`).join('')}\n`);
  if (run.leftAlone.length > 0) process.stdout.write(`left alone (fix by hand):${run.leftAlone.map((line) => `\n  ${line}`).join('')}\n`);
  process.stdout.write(`parts: ${PART_RULES.map(({ part }) => part).join(', ')}\n`);
  if (check && run.changed.length > 0) process.exitCode = 1;
}
