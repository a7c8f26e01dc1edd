import ts from 'typescript';

/** One replacement in a source text: the characters start..end become `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Past this a generated import or export list goes one name per line; it matches the longest
 * single-line import lists already in the code, so merging rarely changes a line's shape.
 */
export const MAX_LIST_LINE = 160;

/** `text` with the edits applied; edits must not overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

/** `import { a, b } from 'x';` or the same with one name per line when the line is too long. */
export function renderNamedList(head: string, names: readonly string[], specifier: string): string {
  const line = `${head} { ${names.join(', ')} } from '${specifier}';`;
  if (line.length <= MAX_LIST_LINE) return line;
  return `${head} {\n${names.map((name) => `  ${name},\n`).join('')}} from '${specifier}';`;
}

function mergeable(statement: ts.Statement): statement is ts.ImportDeclaration {
  if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return false;
  const clause = statement.importClause;
  return clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings);
}

/** The end of a statement including its line break, so removing it leaves no blank line. */
function endWithNewline(text: string, end: number): number {
  return text[end] === '\n' ? end + 1 : end;
}

/**
 * Merges the named imports of one module into one declaration per kind (value and `import type`),
 * at the first one's place, for the specifiers `merge` accepts. Names keep their first-seen order.
 */
export function mergeImports(file: string, text: string, merge: (specifier: string) => boolean): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const groups = new Map<string, ts.ImportDeclaration[]>();
  for (const statement of source.statements) {
    if (!mergeable(statement)) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (!merge(specifier)) continue;
    const key = `${statement.importClause?.isTypeOnly === true ? 'type' : 'value'} ${specifier}`;
    groups.set(key, [...(groups.get(key) ?? []), statement]);
  }
  const edits: TextEdit[] = [];
  for (const declarations of groups.values()) {
    const [first, ...rest] = declarations;
    if (first === undefined || rest.length === 0) continue;
    const names: string[] = [];
    for (const declaration of declarations) {
      const bindings = declaration.importClause?.namedBindings as ts.NamedImports;
      for (const element of bindings.elements) {
        const name = element.getText(source);
        if (!names.includes(name)) names.push(name);
      }
    }
    const head = first.importClause?.isTypeOnly === true ? 'import type' : 'import';
    const specifier = (first.moduleSpecifier as ts.StringLiteral).text;
    edits.push({ start: first.getStart(source), end: first.getEnd(), text: renderNamedList(head, names, specifier) });
    for (const declaration of rest) edits.push({ start: declaration.getStart(source), end: endWithNewline(text, declaration.getEnd()), text: '' });
  }
  return applyEdits(text, edits);
}

/** What a face must export from one module: value names and type-only names. */
export interface FaceExports {
  readonly values: readonly string[];
  readonly types: readonly string[];
}

/**
 * The face's text with the given exports added: into an existing `export { } from` (or
 * `export type { } from`) of the same module when there is one, else as new lines at the end.
 */
export function addFaceExports(file: string, text: string, additions: ReadonlyMap<string, FaceExports>): string {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const [specifier, { values, types }] of [...additions].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [typeOnly, names] of [[false, values], [true, types]] as const) {
      if (names.length === 0) continue;
      const existing = source.statements.find(
        (statement): statement is ts.ExportDeclaration =>
          ts.isExportDeclaration(statement) &&
          statement.isTypeOnly === typeOnly &&
          statement.moduleSpecifier !== undefined &&
          ts.isStringLiteral(statement.moduleSpecifier) &&
          statement.moduleSpecifier.text === specifier &&
          statement.exportClause !== undefined &&
          ts.isNamedExports(statement.exportClause),
      );
      const head = typeOnly ? 'export type' : 'export';
      if (existing === undefined) {
        appended.push(renderNamedList(head, [...names].sort(), specifier));
        continue;
      }
      const current = (existing.exportClause as ts.NamedExports).elements.map((element) => element.getText(source));
      edits.push({ start: existing.getStart(source), end: existing.getEnd(), text: renderNamedList(head, [...current, ...[...names].sort()], specifier) });
    }
  }
  const edited = applyEdits(text, edits);
  if (appended.length === 0) return edited;
  return `${edited.endsWith('\n') ? edited : `${edited}\n`}${appended.join('\n')}\n`;
}
