import { NAME_PATTERN } from '../document/identifiers.js';
import { appendPointer } from '../document/json-pointer.js';
import type { LintProblem } from '../findings.js';
import { lintProblem } from './lint-rules.js';

/**
 * Longest metric or feature name. Names become column names in warehouses and feature stores,
 * and Postgres cuts identifiers at 63 bytes, so a longer name would silently collide there.
 */
export const MAX_DEFINITION_NAME_LENGTH = 63;

const NAME = new RegExp(NAME_PATTERN);

function snakeCase(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  return words.join('_');
}

function suggestion(name: string): string {
  const snake = snakeCase(name);
  return NAME.test(snake) ? `, e.g. ${snake}` : '';
}

/**
 * Checks the names of one list of definitions: each snake_case and at most
 * MAX_DEFINITION_NAME_LENGTH characters (`<kind>-invalid-name`), and none used twice
 * (`<kind>-duplicate-name`, reported at the later one).
 */
export function lintDefinitionNames(kind: 'metric' | 'feature', definitions: readonly { readonly name: string }[]): LintProblem[] {
  const area = kind === 'metric' ? 'metrics' : 'features';
  const problems: LintProblem[] = [];
  const firstIndex = new Map<string, number>();
  definitions.forEach(({ name }, index) => {
    const path = appendPointer('', area, index, 'name');
    if (!NAME.test(name)) {
      problems.push(
        lintProblem(
          `${kind}-invalid-name`,
          path,
          `${kind} name "${name}" is not snake_case: use lower-case letters, digits and _, starting with a letter${suggestion(name)}`,
        ),
      );
    } else if (name.length > MAX_DEFINITION_NAME_LENGTH) {
      problems.push(
        lintProblem(
          `${kind}-invalid-name`,
          path,
          `${kind} name ${name} is ${name.length} characters long, over the limit of ${MAX_DEFINITION_NAME_LENGTH}: shorten it`,
        ),
      );
    }
    const first = firstIndex.get(name);
    if (first === undefined) {
      firstIndex.set(name, index);
      return;
    }
    problems.push(
      lintProblem(
        `${kind}-duplicate-name`,
        path,
        `${kind} ${name} is defined twice (first at ${appendPointer('', area, first)}): rename or remove one of them`,
      ),
    );
  });
  return problems;
}
