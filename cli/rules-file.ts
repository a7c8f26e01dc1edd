import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConcordError, expiredAcceptances, parseRuleOverrides, utcDay, MAX_RULES_FILE_BYTES, type RuleOverrides } from '../contracts/index.js';
import { ALL_RULES } from './rule-catalogs.js';

/** Where a project keeps its rule overrides, relative to a folder of the project. */
export const RULES_FILE = join('.concord', 'rules.yaml');

/** The `.concord/rules.yaml` nearest to `start` (that folder, then each parent), if any. */
export function findRulesFile(start: string): string | undefined {
  let folder = resolve(start);
  for (;;) {
    const candidate = join(folder, RULES_FILE);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here: look one folder up.
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** The option every command that honours overrides offers. */
export interface RulesFileOption {
  readonly rules?: string;
}

/**
 * The project's rule overrides: `--rules FILE` when given, else the nearest `.concord/rules.yaml`
 * from the working directory upward, else none. A malformed file or an unknown rule id throws
 * ConcordError `invalid-argument` (exit 2) naming file, line and field; each expired acceptance
 * is a warning on `warn` (stderr by default), since it no longer applies.
 */
export function loadRuleOverrides(option: RulesFileOption, cwd: string = process.cwd(), now: Date = new Date(), warn: (line: string) => void = (line) => process.stderr.write(`warning: ${line}\n`)): RuleOverrides | undefined {
  const file = option.rules ?? findRulesFile(cwd);
  if (file === undefined) return undefined;
  let text: string;
  try {
    if (statSync(file).size > MAX_RULES_FILE_BYTES) {
      throw new ConcordError('invalid-argument', `${file} is larger than ${MAX_RULES_FILE_BYTES} bytes: keep one override per rule`, { file });
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConcordError) throw error;
    throw new ConcordError('invalid-argument', `cannot read the rules file ${file}: ${error instanceof Error ? error.message : String(error)}`, { file }, { cause: error });
  }
  const overrides = parseRuleOverrides(text, file, (id) => ALL_RULES.has(id));
  for (const line of expiredAcceptances(overrides, utcDay(now))) warn(`${file}: ${line}`);
  return overrides;
}
