import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConcordError, listFields } from '../../contracts/index.js';
import type { Finding, JsonSchema } from '../../contracts/index.js';
import type { RegistryClient } from '../../registry/client/index.js';
import { checkContractId } from '../contract-ref.js';
import { MAX_DOCUMENT_CHARS } from '../limits.js';
import { guarded, jsonResult, READ_ONLY } from '../tool-result.js';

const document = z
  .union([z.string().min(1).max(MAX_DOCUMENT_CHARS), z.record(z.string(), z.unknown())])
  .describe(`The contract document to evaluate: YAML or JSON text, or the document as an object (at most ${MAX_DOCUMENT_CHARS} characters)`);

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The document as data, for its id and its pii fields; the registry parses it again with every check. */
function parsedDocument(body: string | Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = parse(body);
    } catch (error) {
      throw new ConcordError('unreadable-input', `the document is not YAML or JSON (${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}): send the contract as written, e.g. contract: commerce.orders`);
    }
  }
  return isRecord(parsed) ? parsed : {};
}

/** The contract id a document names in `contract:`; the registry's dry-run route is per contract. */
function contractIdOf(document: Readonly<Record<string, unknown>>): string {
  const id = document.contract;
  if (typeof id !== 'string') throw new ConcordError('invalid-contract', 'the document names no contract: it needs a top-level contract: namespace.name, e.g. contract: commerce.orders');
  return checkContractId(id);
}

/**
 * Whether a finding on `field` may carry values of personal data in `before`/`after` (an enum
 * narrowed, a default changed): true for pii fields of the document's schema and what they hold,
 * and for every field when that schema cannot be read here (file references, past the walk's bounds).
 */
function piiTest(schema: unknown): (field: string | undefined) => boolean {
  let pii: string[];
  try {
    pii = [...listFields(schema as JsonSchema)].filter(([, info]) => info.pii === true).map(([path]) => path);
  } catch {
    return () => true;
  }
  return (field) => field !== undefined && pii.some((path) => field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[]`));
}

/** Findings on pii fields without their values: no before/after, and a message that names the rule, not the values (`gained "x"`). */
function withoutValues(findings: readonly Finding[], isPii: (field: string | undefined) => boolean): Finding[] {
  return findings.map((finding) => {
    if (!isPii(finding.field)) return finding;
    const { before: _before, after: _after, ...rest } = finding;
    return { ...rest, message: `field ${finding.field ?? finding.path} holds personal data: ${finding.rule}, values not shown` };
  });
}

/** Registers `check_change`: the registry's dry-run publish, which stores nothing. */
export function registerCheckChangeTool(server: McpServer, client: RegistryClient): void {
  server.registerTool(
    'check_change',
    {
      title: 'Evaluate a contract change',
      description:
        'What publishing a contract document would do, without publishing it: accepted or refused with every reason, the compatibility ' +
        'findings against the previous version, the version bump it needs, and the pinned consumers whose fields it touches.',
      inputSchema: { document },
      annotations: READ_ONLY,
    },
    ({ document: body }) =>
      guarded(async () => {
        if (typeof body !== 'string' && JSON.stringify(body).length > MAX_DOCUMENT_CHARS) {
          throw new ConcordError('too-large', `the document is larger than ${MAX_DOCUMENT_CHARS} characters as JSON: split its schema into referenced contracts`);
        }
        const parsed = parsedDocument(body);
        const verdict = await client.check(contractIdOf(parsed), body);
        const isPii = piiTest(parsed.schema);
        return jsonResult({
          ...verdict,
          changes: withoutValues(verdict.changes, isPii),
          consumers: verdict.consumers.map((consumer) => ({ ...consumer, findings: withoutValues(consumer.findings, isPii) })),
        });
      }),
  );
}
