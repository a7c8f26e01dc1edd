import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ConcordError } from '../../contracts/index.js';
import type { RegistryClient } from '../../registry/client/index.js';
import { checkContractId } from '../contract-ref.js';
import { redactDocument } from '../pii-redaction.js';

/** The URI template of contract documents: one resource per published version. */
export const CONTRACT_RESOURCE_TEMPLATE = 'concord://contracts/{id}@{version}';

/**
 * Contracts the resource list names, each at its latest version: the registry's largest page
 * (MAX_PAGE_SIZE). A registry with more is searched with `search_contracts`, not browsed.
 */
export const MAX_LISTED_RESOURCES = 200;

/** The resource URI of one version of a contract document. */
export function contractResourceUri(id: string, version: string): string {
  return `concord://contracts/${id}@${version}`;
}

function single(value: string | string[] | undefined, name: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new ConcordError('invalid-argument', `the resource URI names no ${name}: write it as ${CONTRACT_RESOURCE_TEMPLATE}, e.g. concord://contracts/commerce.orders@2.1.0`);
}

/**
 * Registers the contract documents as resources: listing names each contract's latest version;
 * reading gives the document as published (schema bundled) without values of pii fields. A
 * version that is unknown or not readable with the caller's token is a resource error naming it.
 */
export function registerContractResource(server: McpServer, client: RegistryClient): void {
  const template = new ResourceTemplate(CONTRACT_RESOURCE_TEMPLATE, {
    async list() {
      const page = await client.listContracts({ limit: MAX_LISTED_RESOURCES });
      return {
        resources: page.items.flatMap((item) =>
          item.latestVersion === null
            ? []
            : [{ uri: contractResourceUri(item.contract, item.latestVersion), name: `${item.contract}@${item.latestVersion}`, title: item.title ?? item.contract, mimeType: 'application/json' }],
        ),
      };
    },
  });
  server.registerResource(
    'contract-document',
    template,
    { title: 'Contract document', description: 'One published version of a data contract, as its owner published it, without values of pii fields', mimeType: 'application/json' },
    async (uri, variables) => {
      const id = checkContractId(single(variables.id, 'contract id'));
      const detail = await client.getVersion(id, single(variables.version, 'version'));
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(redactDocument(detail.document), null, 2) }] };
    },
  );
}
