import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { PART_RULES, faceOf, mayImport, partOf } from './layer-rules.js';
import type { PartRule } from './layer-rules.js';
import { partFiles, resolveSpecifier, specifierBetween } from './read-imports.js';
import type { TextEdit } from './source-edits.js';

/** One name a face must export for a rewritten import to compile. */
interface Needed {
  readonly face: string;
  readonly module: string;
  readonly name: string;
  readonly value: boolean;
}

/** What the codemod will do: specifier edits per file, exports per face, and what it left alone. */
export interface FacePlan {
  /** Importing file -> specifier replacements. */
  readonly edits: ReadonlyMap<string, readonly TextEdit[]>;
  /** Face file -> specifier from the face -> names to export. */
  readonly exports: ReadonlyMap<string, ReadonlyMap<string, { readonly values: string[]; readonly types: string[] }>>;
  /** Imports left as they are, each with why (name clashes, forbidden imports, shapes it cannot map). */
  readonly leftAlone: readonly string[];
}

/** A module reference of one file: the node naming the module and the names taken from it. */
interface Reference {
  readonly literal: ts.StringLiteralLike;
  /** Exported names taken, each with whether only its type is used; undefined when unknowable. */
  readonly names: readonly { readonly name: string; readonly typeOnly: boolean }[] | undefined;
}

function bindingNames(pattern: ts.BindingName): Reference['names'] {
  if (!ts.isObjectBindingPattern(pattern)) return undefined;
  const names = pattern.elements.map((element) => (element.propertyName ?? element.name).getText());
  return names.every((name) => /^\w+$/.test(name)) ? names.map((name) => ({ name, typeOnly: false })) : undefined;
}

/** Names destructured from `await import(x)`, alone or as one element of `await Promise.all([...])`. */
function dynamicNames(call: ts.CallExpression): Reference['names'] {
  const parent = call.parent;
  if (ts.isAwaitExpression(parent) && ts.isVariableDeclaration(parent.parent)) return bindingNames(parent.parent.name);
  if (!ts.isArrayLiteralExpression(parent) || !ts.isCallExpression(parent.parent)) return undefined;
  const awaited = parent.parent.parent;
  if (!ts.isAwaitExpression(awaited) || !ts.isVariableDeclaration(awaited.parent)) return undefined;
  const pattern = awaited.parent.name;
  if (!ts.isArrayBindingPattern(pattern)) return undefined;
  const element = pattern.elements[parent.elements.indexOf(call)];
  return element !== undefined && ts.isBindingElement(element) ? bindingNames(element.name) : undefined;
}

function referencesOf(source: ts.SourceFile): Reference[] {
  const found: Reference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const named = clause !== undefined && clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings);
      const names = named
        ? bindings.elements.map((element) => ({ name: (element.propertyName ?? element.name).text, typeOnly: clause.isTypeOnly || element.isTypeOnly }))
        : undefined;
      found.push({ literal: node.moduleSpecifier, names });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const names =
        clause !== undefined && ts.isNamedExports(clause)
          ? clause.elements.map((element) => ({ name: (element.propertyName ?? element.name).text, typeOnly: node.isTypeOnly || element.isTypeOnly }))
          : undefined;
      found.push({ literal: node.moduleSpecifier, names });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const first = node.arguments[0];
      if (first !== undefined && ts.isStringLiteralLike(first)) found.push({ literal: first, names: dynamicNames(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function createProgram(root: string, files: readonly string[]): ts.Program {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  return ts.createProgram({ rootNames: files.map((file) => join(root, file)), options: { ...options, noEmit: true } });
}

/**
 * Plans the rewrite of every cross-part import that reaches past a face: which specifiers change
 * and which names each face must export (as values or, for pure types, with `export type`). Names
 * imported from a face that the face lacks (a merge can drop them) are put back when exactly one
 * file of the part exports a thing of that name. An
 * import is left alone, and said why, when its part may not import the other part at all, when a
 * name would clash with a different thing the face already exports, or when the names it takes
 * cannot be read (default, namespace and side-effect imports, `export *`).
 */
export function planFaces(root: string, rules: readonly PartRule[] = PART_RULES): FacePlan {
  const files = partFiles(root, rules);
  const faces = [...new Set(rules.map(({ part }) => faceOf(part)))].filter((face) => existsSync(join(root, face)));
  const program = createProgram(root, [...new Set([...files, ...faces])]);
  const checker = program.getTypeChecker();
  const resolved = (symbol: ts.Symbol): ts.Symbol => ((symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol);
  const exportsOf = (file: string): ReadonlyMap<string, ts.Symbol> => {
    const source = program.getSourceFile(join(root, file));
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    return new Map(module === undefined ? [] : checker.getExportsOfModule(module).map((symbol) => [symbol.name, symbol]));
  };
  const planned = new Map<string, Map<string, { module: string; symbol: ts.Symbol }>>();
  const needed: Needed[] = [];
  const edits = new Map<string, TextEdit[]>();
  const leftAlone: string[] = [];
  const declarations = new Map<string, Map<string, Map<ts.Symbol, string>>>();

  /** Name -> the things of that name the part's files export -> the file declaring each. */
  const declaredIn = (part: string): Map<string, Map<ts.Symbol, string>> => {
    const known = declarations.get(part);
    if (known !== undefined) return known;
    const found = new Map<string, Map<ts.Symbol, string>>();
    for (const file of files.filter((candidate) => partOf(candidate, rules) === part && candidate !== faceOf(part))) {
      for (const [name, exported] of exportsOf(file)) {
        const symbol = resolved(exported);
        const declaring = symbol.declarations?.[0]?.getSourceFile().fileName;
        const home = declaring === undefined ? file : relative(root, declaring).split('\\').join('/');
        const byName = found.get(name) ?? new Map<ts.Symbol, string>();
        byName.set(symbol, partOf(home, rules) === part ? home : file);
        found.set(name, byName);
      }
    }
    declarations.set(part, found);
    return found;
  };

  /** Plans `name` on `face` as `symbol` from `module`; says what stands in the way, if anything. */
  const planName = (face: string, name: string, typeOnly: boolean, symbol: ts.Symbol, module: string, additions: Needed[]): string | undefined => {
    const faceAdds = planned.get(face);
    const already = exportsOf(face).get(name);
    const pending = faceAdds?.get(name);
    const other = already === undefined ? pending?.symbol : resolved(already);
    if (other !== undefined && other !== symbol) return `name clash: ${face} already exports a different ${name}${pending === undefined ? '' : ` (from ${pending.module})`}`;
    if (other !== undefined) return undefined;
    const value = (symbol.flags & ts.SymbolFlags.Value) !== 0;
    if (!value && !typeOnly && (symbol.flags & ts.SymbolFlags.Type) === 0) return `${name} in ${module} is neither a value nor a type`;
    additions.push({ face, module, name, value });
    return undefined;
  };

  const commit = (additions: readonly Needed[], symbolOf: (addition: Needed) => ts.Symbol): void => {
    for (const addition of additions) {
      const faceAdds = planned.get(addition.face) ?? new Map<string, { module: string; symbol: ts.Symbol }>();
      faceAdds.set(addition.name, { module: addition.module, symbol: symbolOf(addition) });
      planned.set(addition.face, faceAdds);
    }
    needed.push(...additions);
  };

  for (const file of files) {
    const fromPart = partOf(file, rules);
    const source = program.getSourceFile(join(root, file));
    if (fromPart === undefined || source === undefined) continue;
    for (const { literal, names } of referencesOf(source)) {
      const target = resolveSpecifier(root, file, literal.text);
      const toPart = target === undefined ? undefined : partOf(target, rules);
      if (target === undefined || toPart === undefined || toPart === fromPart) continue;
      const where = `${file}:${source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1} ${literal.text}`;
      const face = faceOf(toPart);
      const additions: Needed[] = [];
      const problems: string[] = [];
      if (target === face) {
        // Already on the face; a merge may still have dropped names from it, so put them back.
        const symbols = new Map<string, ts.Symbol>();
        for (const { name, typeOnly } of names ?? []) {
          if (exportsOf(face).has(name) || planned.get(face)?.has(name) === true) continue;
          const candidates = [...(declaredIn(toPart).get(name) ?? new Map<ts.Symbol, string>())];
          const only = candidates.length === 1 ? candidates[0] : undefined;
          if (only === undefined) {
            problems.push(`${face} lacks ${name} and ${toPart}/ exports ${candidates.length} things of that name`);
            continue;
          }
          symbols.set(name, only[0]);
          const problem = planName(face, name, typeOnly, only[0], only[1], additions);
          if (problem !== undefined) problems.push(problem);
        }
        if (problems.length > 0) leftAlone.push(`${where}: ${problems.join('; ')}`);
        else commit(additions, (addition) => symbols.get(addition.name) as ts.Symbol);
        continue;
      }
      if (!mayImport(fromPart, toPart, rules)) {
        leftAlone.push(`${where}: ${fromPart}/ may not import ${toPart}/ at all, through a face or not`);
        continue;
      }
      if (names === undefined) {
        leftAlone.push(`${where}: takes no list of names the face could export (default, namespace, side-effect or export *)`);
        continue;
      }
      const deepExports = exportsOf(target);
      for (const { name, typeOnly } of names) {
        const exported = deepExports.get(name);
        const problem = exported === undefined ? `${target} exports no ${name}` : planName(face, name, typeOnly, resolved(exported), target, additions);
        if (problem !== undefined) problems.push(problem);
      }
      if (problems.length > 0) {
        leftAlone.push(`${where}: ${problems.join('; ')}`);
        continue;
      }
      commit(additions, (addition) => resolved(deepExports.get(addition.name) as ts.Symbol));
      const quote = literal.getText(source)[0] ?? "'";
      edits.set(file, [...(edits.get(file) ?? []), { start: literal.getStart(source), end: literal.getEnd(), text: `${quote}${specifierBetween(file, face)}${quote}` }]);
    }
  }

  const exports = new Map<string, Map<string, { values: string[]; types: string[] }>>();
  for (const { face, module, name, value } of needed) {
    const byModule = exports.get(face) ?? new Map<string, { values: string[]; types: string[] }>();
    const specifier = specifierBetween(face, module);
    const entry = byModule.get(specifier) ?? { values: [], types: [] };
    const list = value ? entry.values : entry.types;
    if (!list.includes(name)) list.push(name);
    byModule.set(specifier, entry);
    exports.set(face, byModule);
  }
  return { edits, exports, leftAlone };
}
