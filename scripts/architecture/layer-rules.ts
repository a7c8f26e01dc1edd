/**
 * The layer rules of Concord in one table: which part may import which, and where each part's
 * public face is. The layer test, the public-faces codemod and docs/architecture.md all read this
 * table, so the picture in the docs is the one the test enforces.
 */

/** One part (a top-level folder, or a sub-folder with its own face such as `registry/client`). */
export interface PartRule {
  /** Folder relative to the repository root; a file belongs to the longest part folder it is in. */
  readonly part: string;
  /** What lives there, one line for the docs table. */
  readonly role: string;
  /** The parts this part may import (always through their faces), or `all` for every other part. */
  readonly mayImport: readonly string[] | 'all';
  /** True when the part must not import a network module (it promises "no network I/O"). */
  readonly noNetwork?: boolean;
}

/**
 * A face whose whole import closure, type-only imports included, must stay out of some parts:
 * the registry client is what the checker and agents load, so it must not drag the server in.
 */
export interface FaceBoundary {
  readonly face: string;
  readonly mustNotReach: readonly string[];
}

/** Every part and what it may import. Parts that do not exist yet are harmless here. */
export const PART_RULES: readonly PartRule[] = [
  { part: 'contracts', role: 'the contract model and compatibility engine, pure', mayImport: [], noNetwork: true },
  { part: 'vocabulary', role: 'wire shapes crossing a process boundary, as schemas with derived types', mayImport: ['contracts'], noNetwork: true },
  { part: 'delivery', role: 'outgoing JSON posts: address policy, outbox, claims, retries', mayImport: ['contracts', 'vocabulary'] },
  { part: 'migrations', role: 'kysely migrations for SQLite and Postgres', mayImport: [] },
  { part: 'registry/client', role: 'the typed HTTP client of the registry', mayImport: ['contracts', 'vocabulary'] },
  { part: 'registry', role: 'the registry service: storage, services, HTTP API, auth, webhooks, web UI', mayImport: ['contracts', 'vocabulary', 'delivery', 'migrations', 'registry/client'] },
  { part: 'checker', role: 'feed sources, sampling, validation, drift, reports, alerts, jobs', mayImport: ['contracts', 'vocabulary', 'delivery', 'registry/client'] },
  { part: 'agent', role: 'the agent SDK (`concord/agent`)', mayImport: ['contracts', 'vocabulary', 'registry/client'] },
  { part: 'mcp', role: 'the MCP server', mayImport: ['contracts', 'vocabulary', 'delivery', 'migrations', 'registry/client', 'registry', 'checker', 'agent'] },
  { part: 'cli', role: 'the `concord` command: thin wiring of the parts above', mayImport: 'all' },
];

export const FACE_BOUNDARIES: readonly FaceBoundary[] = [{ face: 'registry/client/index.ts', mustNotReach: ['registry'] }];

/** Modules that open sockets; a part marked `noNetwork` imports none of them, with or without `node:`. */
export const NETWORK_MODULES: readonly string[] = ['net', 'http', 'https', 'http2', 'dns', 'dns/promises', 'tls', 'dgram'];

/** The one file other parts import from a part. */
export function faceOf(part: string): string {
  return `${part}/index.ts`;
}

/** The part a repository-relative file belongs to (the longest matching folder), or undefined; `rules` defaults to the project's table. */
export function partOf(file: string, rules: readonly PartRule[] = PART_RULES): string | undefined {
  let found: string | undefined;
  for (const { part } of rules) {
    if (file.startsWith(`${part}/`) && (found === undefined || part.length > found.length)) found = part;
  }
  return found;
}

/** Whether `from` may import `to` under the table (a part may always import itself); `rules` defaults to the project's table. */
export function mayImport(from: string, to: string, rules: readonly PartRule[] = PART_RULES): boolean {
  if (from === to) return true;
  const rule = rules.find((candidate) => candidate.part === from);
  if (rule === undefined) return true;
  return rule.mayImport === 'all' ? true : rule.mayImport.includes(to);
}

/** Whether a module specifier names a network module (`node:http`, `https`, `dns/promises`...). */
export function isNetworkModule(specifier: string): boolean {
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return NETWORK_MODULES.includes(bare);
}

/** The rules (default: the project's table) as the Markdown table docs/architecture.md shows between its markers. */
export function renderRulesMarkdown(rules: readonly PartRule[] = PART_RULES): string {
  const rows = rules.map(({ part, role, mayImport: allowed, noNetwork }) => {
    const imports = allowed === 'all' ? 'all' : allowed.length === 0 ? 'nothing of ours' : allowed.map((name) => `\`${name}/\``).join(', ');
    return `| \`${part}/\` | ${role} | ${imports}${noNetwork === true ? '; no network module' : ''} |`;
  });
  return ['| part | what lives there | may import (through faces) |', '|---|---|---|', ...rows].join('\n');
}
