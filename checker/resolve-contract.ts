import { contractContentHash, loadContractFile, loadContractText, type LoadedDocument, ConcordError } from '../contracts/index.js';
import type { RegistryResolver, Contract } from '../contracts/index.js';
import type { RegistryClient } from '../registry/client/index.js';

/** The contract a check runs against, with what identifies its exact content. */
export interface CheckedContract {
  readonly contract: Contract;
  /**
   * The registry's content hash (`contractContentHash`), for local files too: validators are cached
   * by (id, version, hash), so an edited file under an unchanged version is not mistaken for the old one.
   */
  readonly hash: string;
  /** Where it came from, for messages: the file path or `id@version from <registry url>`. */
  readonly origin: string;
  /** Every version the registry holds of the contract (yanked ones too), when it came from the registry: advice names a free version. */
  readonly publishedVersions?: readonly string[];
}

function contractOf(document: LoadedDocument, what: string, advice: string): Contract {
  const errors = document.problems.filter((problem) => problem.severity === 'breaking');
  if (document.contract !== undefined && errors.length === 0) return document.contract;
  if (document.kind === 'schema' && errors.length === 0) {
    throw new ConcordError('invalid-contract', `${what} is a bare JSON Schema, not a contract: a check needs a contract document (with contract, version and owner)`, {
      file: document.file,
    });
  }
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new ConcordError('invalid-contract', `${what} is not a valid contract: ${first?.message ?? 'invalid'}${more}; ${advice}`, {
    file: document.file,
    pointer: first?.path,
    line: first?.line,
    column: first?.column,
  });
}

/** `registry:` refs inside a contract resolve through the same registry. */
function registryResolver(client: RegistryClient): RegistryResolver {
  return async (target) => (await client.resolve(target.contract, target.range)).schema;
}

/**
 * Loads a contract document from a file for a check. `client` (optional) resolves `registry:`
 * refs; without it such refs are `ref-unresolved`. Throws ConcordError `unreadable-input` for a
 * missing file (naming the path) and `invalid-contract` for a bare schema or an invalid document.
 */
export async function loadCheckedContractFile(path: string, client?: RegistryClient): Promise<CheckedContract> {
  const document = await loadContractFile(path, client !== undefined ? { resolveRegistryRef: registryResolver(client) } : {});
  const contract = contractOf(document, path, `run concord lint ${path}`);
  return { contract, hash: contractContentHash(contract), origin: path };
}

/**
 * Resolves `id@range` in a registry (the highest published, non-yanked version) and loads its
 * document. The hash is the registry's content hash. Throws ConcordError `not-found` when nothing
 * matches and the client's codes when the registry cannot be reached.
 */
export async function resolveCheckedContract(client: RegistryClient, id: string, range: string): Promise<CheckedContract> {
  const detail = await client.resolve(id, range);
  const name = `${detail.contract}@${detail.version}`;
  const document = await loadContractText(JSON.stringify(detail.document), { file: name, format: 'json', resolveRegistryRef: registryResolver(client) });
  const contract = contractOf(document, `${name} from ${client.baseUrl}`, 'the registry holds a document this version of concord cannot read');
  const published = (await client.listVersions(detail.contract)).versions.map((each) => each.version);
  return { contract, hash: detail.contentHash, origin: `${name} from ${client.baseUrl}`, publishedVersions: published };
}
