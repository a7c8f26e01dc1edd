import { FACE_BOUNDARIES, PART_RULES, faceOf, isNetworkModule, mayImport, partOf } from './layer-rules.js';
import type { FaceBoundary, PartRule } from './layer-rules.js';
import type { ImportEdge, ImportGraph } from './read-imports.js';

/** Which layer rule an import breaks. */
export type LayerRule = 'forbidden-part' | 'network-module' | 'past-the-face' | 'face-reaches';

/** One broken layer rule: data, so a test can list them and an allow-list can name them. */
export interface LayerViolation {
  readonly rule: LayerRule;
  readonly from: string;
  /** The imported file when it is ours, else the specifier. */
  readonly to: string;
  readonly line: number;
  readonly message: string;
}

export interface LayerRuleSet {
  readonly parts: readonly PartRule[];
  readonly boundaries: readonly FaceBoundary[];
}

const PROJECT_RULES: LayerRuleSet = { parts: PART_RULES, boundaries: FACE_BOUNDARIES };

function directViolations(edge: ImportEdge, rules: LayerRuleSet): LayerViolation[] {
  const fromPart = partOf(edge.from, rules.parts);
  if (fromPart === undefined) return [];
  const where = { from: edge.from, line: edge.line };
  if (edge.target === undefined) {
    const noNetwork = rules.parts.find(({ part }) => part === fromPart)?.noNetwork === true;
    return noNetwork && isNetworkModule(edge.specifier)
      ? [{ rule: 'network-module', ...where, to: edge.specifier, message: `${fromPart}/ promises no network I/O but ${edge.from} imports ${edge.specifier}` }]
      : [];
  }
  const toPart = partOf(edge.target, rules.parts);
  if (toPart === undefined || toPart === fromPart) return [];
  if (!mayImport(fromPart, toPart, rules.parts)) {
    // Going through the face would not make it allowed, so the face rule is not reported too.
    return [{ rule: 'forbidden-part', ...where, to: edge.target, message: `${fromPart}/ may not import ${toPart}/, but ${edge.from} imports ${edge.target}` }];
  }
  if (edge.target === faceOf(toPart)) return [];
  return [{ rule: 'past-the-face', ...where, to: edge.target, message: `${edge.from} reaches past ${toPart}/'s face: import ${faceOf(toPart)} instead of ${edge.target}` }];
}

function boundaryViolations(graph: ImportGraph, boundary: FaceBoundary, parts: readonly PartRule[]): LayerViolation[] {
  const outgoing = new Map<string, ImportEdge[]>();
  for (const edge of graph.edges) {
    if (edge.target !== undefined) outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  }
  const forbidden = (file: string): boolean => {
    const part = partOf(file, parts);
    return part !== undefined && boundary.mustNotReach.includes(part);
  };
  const found: LayerViolation[] = [];
  const seen = new Set<string>([boundary.face]);
  const queue = [boundary.face];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const edge of outgoing.get(file) ?? []) {
      const target = edge.target ?? '';
      if (forbidden(target)) {
        // The edge that crosses the boundary is the one to fix; what lies beyond it is not walked.
        found.push({ rule: 'face-reaches', from: edge.from, to: target, line: edge.line, message: `${boundary.face} pulls in ${target} through ${edge.from}` });
      } else if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return found;
}

/**
 * Every layer rule the import graph breaks, in a stable order: imports of parts a part may not
 * import, network modules in parts that promise none, cross-part imports that reach past the
 * imported part's face, and faces whose closure (type-only imports included) reaches a part it
 * must stay out of. Pure: reads only its arguments. Defaults to the project's table.
 */
export function checkLayers(graph: ImportGraph, rules: LayerRuleSet = PROJECT_RULES): LayerViolation[] {
  const direct = graph.edges.flatMap((edge) => directViolations(edge, rules));
  const reaches = rules.boundaries.flatMap((boundary) => boundaryViolations(graph, boundary, rules.parts));
  return [...direct, ...reaches];
}

/** A short stable key for a violation, for allow-lists: `rule from -> to`. */
export function violationKey(violation: LayerViolation): string {
  return `${violation.rule} ${violation.from} -> ${violation.to}`;
}
