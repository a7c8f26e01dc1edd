import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';
import { PART_RULES } from './layer-rules.js';
import type { PartRule } from './layer-rules.js';

/** How a file refers to a module; `type` covers `import type`, `export type` and `import('x').T` types. */
export type ImportKind = 'static' | 'type' | 'dynamic' | 'export';

/** One import of one file, as the layer rules see it. */
export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  readonly from: string;
  readonly specifier: string;
  /** Repository-relative path of the imported file when it is ours (a relative specifier). */
  readonly target?: string;
  readonly kind: ImportKind;
  readonly line: number;
}

export interface ImportGraph {
  readonly files: readonly string[];
  readonly edges: readonly ImportEdge[];
}

/** Resolves a relative specifier the way NodeNext does for our sources: `.js` names the `.ts` file. */
export function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [joined.replace(/\.js$/, '.ts'), joined, `${joined}.ts`, `${joined}/index.ts`];
  // A file not written yet (a face the codemod is about to create) resolves to its .ts name.
  return candidates.find((candidate) => existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) ?? candidates[0];
}

function stringArgument(node: ts.CallExpression): string | undefined {
  const first = node.arguments[0];
  return first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) ? first.text : undefined;
}

/**
 * The module references of one source text, read with the TypeScript parser: static imports and
 * re-exports, type-only ones, `import()` calls with a literal specifier and `import('x')` types.
 * Calls with a computed specifier are not module references we can judge and are left out.
 */
export function readImports(root: string, file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string, kind: ImportKind): void => {
    const target = resolveSpecifier(root, file, specifier);
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    edges.push(target === undefined ? { from: file, specifier, kind, line } : { from: file, specifier, target, kind, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.importClause?.isTypeOnly === true ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node, node.moduleSpecifier.text, node.isTypeOnly ? 'type' : 'export');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) add(node, expression.text, node.isTypeOnly ? 'type' : 'static');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const specifier = stringArgument(node);
      if (specifier !== undefined) add(node, specifier, 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node, node.argument.literal.text, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function isSourceFile(name: string): boolean {
  return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.bench.ts');
}

function walk(root: string, folder: string, into: string[]): void {
  const absolute = join(root, folder);
  if (!existsSync(absolute)) return;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') walk(root, path, into);
    else if (entry.isFile() && isSourceFile(entry.name)) into.push(path);
  }
}

/** Every non-test TypeScript file of the parts in the table (default: the project's), repository-relative and sorted. */
export function partFiles(root: string, rules: readonly PartRule[] = PART_RULES): string[] {
  const tops = [...new Set(rules.map(({ part }) => part.split('/')[0] ?? part))];
  const files: string[] = [];
  for (const top of tops) walk(root, top, files);
  return files.sort();
}

/** The import graph of the repository at `root`: every part file and everything it imports; `rules` defaults to the project's table. */
export function readImportGraph(root: string, rules: readonly PartRule[] = PART_RULES): ImportGraph {
  const files = partFiles(root, rules);
  const edges = files.flatMap((file) => readImports(root, file, readFileSync(join(root, file), 'utf8')));
  return { files, edges };
}

/** A specifier that leads from `from` to `to` (both repository-relative), in our `.js` style. */
export function specifierBetween(from: string, to: string): string {
  const path = relative(dirname(from), to).split('\\').join('/').replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}
