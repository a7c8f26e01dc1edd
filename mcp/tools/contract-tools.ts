import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { MAX_EMAIL_LENGTH, MAX_TAG_LENGTH } from '../../contracts/index.js';
import type { JsonSchema } from '../../contracts/index.js';
import type { RegistryClient, VersionDetail } from '../../registry/client/index.js';
import { describeFields } from '../field-descriptions.js';
import { MAX_QUERY_LENGTH, SEARCH_PAGE_SIZE } from '../limits.js';
import { redactPiiValues } from '../pii-redaction.js';
import { contractId, exactVersion } from '../tool-inputs.js';
import { guarded, jsonResult, READ_ONLY } from '../tool-result.js';
import { contractResourceUri } from './contract-resource.js';

type DocumentFields = { readonly description?: unknown; readonly deprecated?: unknown; readonly sunset?: unknown };

function documentFields(document: unknown): DocumentFields {
  return typeof document === 'object' && document !== null ? (document as DocumentFields) : {};
}

/** What a model needs to know before relying on a version: its marks and any sunset the document announces. */
function deprecationOf(detail: VersionDetail): Readonly<Record<string, unknown>> {
  const document = documentFields(detail.document);
  return {
    deprecated: detail.deprecated === null ? null : { reason: detail.deprecated.reason, at: detail.deprecated.at },
    yanked: detail.yanked === null ? null : { reason: detail.yanked.reason, at: detail.yanked.at },
    ...(document.deprecated !== undefined ? { documentDeprecated: document.deprecated } : {}),
    ...(typeof document.sunset === 'string' ? { sunset: document.sunset } : {}),
  };
}

/** Registers `search_contracts` and `get_contract`: reads only, with the caller's token. */
export function registerContractTools(server: McpServer, client: RegistryClient): void {
  server.registerTool(
    'search_contracts',
    {
      title: 'Search data contracts',
      description:
        `Find data contracts by a text in their id or title, optionally only those with a tag or an owner. ` +
        `Lists at most ${SEARCH_PAGE_SIZE} contracts with their owner, status and latest version; call get_contract for fields.`,
      inputSchema: {
        query: z.string().max(MAX_QUERY_LENGTH).describe('Text found in the contract id or title; empty lists every contract'),
        tag: z.string().min(1).max(MAX_TAG_LENGTH).optional().describe('Only contracts with this tag, e.g. finance'),
        owner: z.string().min(1).max(MAX_EMAIL_LENGTH).optional().describe("Only contracts of this owner: the owner's e-mail or principal id"),
      },
      annotations: READ_ONLY,
    },
    ({ query, tag, owner }) =>
      guarded(async () => {
        const page = await client.listContracts({
          ...(query === '' ? {} : { q: query }),
          ...(tag === undefined ? {} : { tag }),
          ...(owner === undefined ? {} : { owner }),
          limit: SEARCH_PAGE_SIZE,
        });
        return jsonResult({
          total: page.total,
          contracts: page.items.map((item) => ({
            id: item.contract,
            title: item.title,
            owner: item.owner,
            team: item.team,
            status: item.status,
            latestVersion: item.latestVersion,
            tags: item.tags,
          })),
        });
      }),
  );

  server.registerTool(
    'get_contract',
    {
      title: 'Read a data contract',
      description:
        'One version of a data contract (the latest when no version is given): its record fields with type, whether required, ' +
        'description and pii mark; its owner, status, deprecation and metrics. Values of pii fields are never included.',
      inputSchema: {
        id: contractId,
        version: exactVersion.optional().describe('Exact version such as 2.1.0; default the latest'),
      },
      annotations: READ_ONLY,
    },
    ({ id, version }) =>
      guarded(async () => {
        const [contract, detail] = await Promise.all([client.getContract(id), client.getVersion(id, version ?? 'latest')]);
        const schema = redactPiiValues(detail.schema) as JsonSchema;
        const document = documentFields(detail.document);
        const metrics = (detail.document as { readonly metrics?: unknown } | null)?.metrics;
        return jsonResult({
          id: contract.contract,
          version: detail.version,
          title: contract.title,
          ...(typeof document.description === 'string' ? { description: document.description } : {}),
          owner: contract.owner,
          team: contract.team,
          status: detail.status,
          contractStatus: contract.status,
          latestVersion: contract.latestVersion,
          compatibility: detail.compatibility,
          deprecation: deprecationOf(detail),
          tags: contract.tags,
          fields: describeFields(schema),
          metrics: Array.isArray(metrics) ? metrics : [],
          resource: contractResourceUri(contract.contract, detail.version),
        });
      }),
  );
}
