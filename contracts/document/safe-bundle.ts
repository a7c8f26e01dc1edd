import { promises as fs } from 'node:fs';
import { basename, dirname, join, posix, resolve, sep } from 'node:path';
import $RefParser, { type FileInfo, type ParserOptions } from '@apidevtools/json-schema-ref-parser';
import { ConcordError, isConcordError } from '../errors.js';
import type { JsonSchema } from '../model.js';
import { localizeRefs, translateLibraryError } from './bundle-output.js';
import { appendPointer } from './json-pointer.js';
import { MAX_BUNDLED_SCHEMA_BYTES, MAX_DOCUMENT_BYTES, MAX_REF_FILES } from './limits.js';
import { parseText } from './parse-text.js';
import { toPlainTree } from './plain-tree.js';
import { fileUrl, readable, registryUrl, REGISTRY_SCHEME } from './private-urls.js';
import { classifyRef, type RefContext } from './ref-policy.js';
import { siteAt, siteError, type RefSite } from './ref-site.js';
import type { RegistryRef } from './registry-ref.js';
import type { Locate } from './source-positions.js';

/** The contract and version range a `registry:` reference names; its pointer is applied afterwards. */
export type RegistryTarget = Pick<RegistryRef, 'contract' | 'range'>;

/** Fetches the record schema of the highest published version of a contract in a range. */
export type RegistryResolver = (target: RegistryTarget) => Promise<JsonSchema>;

export interface BundleOptions {
  /** The folder file `$ref`s must stay inside. Undefined: no file refs at all. */
  readonly baseDir?: string;
  /** The file holding the schema, as named in messages; referenced files are named relative to it. */
  readonly file?: string;
  /** Where the schema sits in its document (`/schema` in a contract); defaults to `''`. */
  readonly pointer?: string;
  /** Positions of the document holding the schema, for error details. */
  readonly locate?: Locate;
  /** Resolves `registry:` refs; without it they are `ref-unresolved`. */
  readonly resolveRegistryRef?: RegistryResolver;
}

/** A `$ref` found in a document: its text and where it sits. */
interface FoundRef extends RefSite {
  readonly ref: string;
}

interface Session {
  readonly options: BundleOptions;
  readonly files: Map<string, { readonly path: string; readonly site: FoundRef }>;
  readonly registry: Map<string, { readonly target: RegistryTarget; readonly site: FoundRef }>;
  bytesRead: number;
  failure?: ConcordError;
}

/** The document being checked: where it sits, and which kinds of ref it may hold. */
interface Origin extends RefSite {
  readonly context: RefContext;
}

/** Checks every `$ref` in a parsed document and rewrites file and registry refs to private URLs. */
function prepare(document: unknown, origin: Origin, session: Session): void {
  const stack: { value: unknown; pointer: string }[] = [{ value: document, pointer: origin.pointer }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined || entry.value === null || typeof entry.value !== 'object') continue;
    const node = entry.value as Record<string, unknown>;
    for (const [key, child] of Object.entries(node)) stack.push({ value: child, pointer: appendPointer(entry.pointer, key) });
    const ref = node.$ref;
    if (typeof ref !== 'string') continue;
    const site: FoundRef = { ref, ...siteAt(appendPointer(entry.pointer, '$ref'), origin) };
    let target;
    try {
      target = classifyRef(ref, origin.context);
    } catch (error) {
      if (isConcordError(error)) throw siteError(error.code, error.message, site, error);
      throw error;
    }
    if (target.kind === 'forbidden') {
      throw siteError('ref-forbidden', `$ref "${ref}" at ${site.pointer} ${target.reason}`, site);
    }
    if (target.kind === 'internal') continue;
    if (target.kind === 'registry' && session.options.resolveRegistryRef === undefined) {
      throw siteError(
        'ref-unresolved',
        `$ref "${ref}" at ${site.pointer} needs a registry to resolve it: publish or check the contract through a registry, or copy the schema into the contract's folder`,
        site,
      );
    }
    const url = target.kind === 'file' ? fileUrl(target.path) : registryUrl(target.ref.contract, target.ref.range);
    if (!session.files.has(url) && !session.registry.has(url)) {
      if (session.files.size + session.registry.size >= MAX_REF_FILES) {
        throw siteError('too-large', `the record schema refers to more than ${MAX_REF_FILES} files: merge some of them`, site);
      }
      if (target.kind === 'file') session.files.set(url, { path: target.path, site });
      else session.registry.set(url, { target: { contract: target.ref.contract, range: target.ref.range }, site });
    }
    const hash = ref.indexOf('#');
    node.$ref = hash === -1 ? url : `${url}${ref.slice(hash)}`;
  }
}

function displayName(path: string, options: BundleOptions): string {
  return options.file === undefined ? path : join(dirname(options.file), ...path.split('/'));
}

async function readFileTarget(url: string, session: Session): Promise<string> {
  const entry = session.files.get(url);
  const baseDir = session.options.baseDir;
  if (entry === undefined || baseDir === undefined) {
    throw new ConcordError('ref-forbidden', `a $ref resolved to ${url}, which was not checked: only relative files and registry refs are read`);
  }
  const { path, site } = entry;
  const shown = `./${path}`;
  const root = await fs.realpath(baseDir);
  let real: string;
  try {
    real = await fs.realpath(resolve(root, ...path.split('/')));
  } catch (error) {
    throw siteError('ref-unresolved', `$ref "${site.ref}" at ${site.pointer} names ${shown}, which does not exist: create it or fix the path`, site, error);
  }
  if (real !== root && !real.startsWith(root + sep)) {
    throw siteError('ref-forbidden', `$ref "${site.ref}" at ${site.pointer} leads through a symbolic link out of the contract's folder: copy the file into the folder`, site);
  }
  const stats = await fs.stat(real);
  if (!stats.isFile()) {
    throw siteError('ref-unresolved', `$ref "${site.ref}" at ${site.pointer} names ${shown}, which is not a file`, site);
  }
  if (stats.size > MAX_DOCUMENT_BYTES) {
    throw siteError('too-large', `${shown} is larger than ${MAX_DOCUMENT_BYTES} bytes: split it into smaller files`, site);
  }
  session.bytesRead += stats.size;
  if (session.bytesRead > MAX_BUNDLED_SCHEMA_BYTES) {
    throw siteError('too-large', `the files the record schema refers to add up to more than ${MAX_BUNDLED_SCHEMA_BYTES} bytes: trim the schema`, site);
  }
  return fs.readFile(real, 'utf8');
}

async function readRegistryTarget(url: string, session: Session): Promise<JsonSchema> {
  const entry = session.registry.get(url);
  const resolver = session.options.resolveRegistryRef;
  if (entry === undefined || resolver === undefined) {
    throw new ConcordError('ref-forbidden', `a $ref resolved to ${url}, which was not checked: only relative files and registry refs are read`);
  }
  const { target, site } = entry;
  let schema: JsonSchema;
  try {
    schema = await resolver(target);
  } catch (error) {
    if (isConcordError(error)) throw siteError(error.code, error.message, site, error);
    throw siteError('ref-unresolved', `$ref "${site.ref}" at ${site.pointer} could not be resolved by the registry: ${error instanceof Error ? error.message : String(error)}`, site, error);
  }
  return toPlainTree(schema, { subject: `the record schema of ${target.contract}@${target.range}` }) as JsonSchema;
}

/** Parses a file or registry schema the library has read, and checks the refs inside it. */
function parseTarget(file: FileInfo, session: Session): unknown {
  const registry = session.registry.get(file.url);
  if (registry !== undefined) {
    const noRefs = 'is in a schema from the registry, which may only use internal refs (#/...)';
    prepare(file.data, { pointer: '', context: { fromDir: '', noFiles: noRefs, noRegistry: noRefs }, file: `${registry.target.contract}@${registry.target.range}` }, session);
    return file.data;
  }
  const entry = session.files.get(file.url);
  if (entry === undefined) throw new ConcordError('ref-forbidden', `a $ref resolved to ${file.url}, which was not checked`);
  const shown = displayName(entry.path, session.options);
  const parsed = parseText(String(file.data), { file: shown });
  const fromDir = posix.dirname(entry.path);
  prepare(parsed.value, { file: shown, pointer: '', locate: parsed.locate, context: { fromDir: fromDir === '.' ? '' : fromDir } }, session);
  return parsed.value;
}

/**
 * Bundles the external `$ref`s of a record schema into it (internal `#/...` refs stay as they are,
 * circular refs stay refs). File refs must be relative paths inside `options.baseDir`, checked
 * again by real path after symbolic links; `registry:` refs go to `options.resolveRegistryRef`.
 * Nothing is ever fetched over the network. A schema without external refs is returned as a
 * copy, untouched. Throws ConcordError `ref-forbidden`, `ref-unresolved`, `too-large` (past
 * `MAX_REF_FILES`, `MAX_BUNDLED_SCHEMA_BYTES` or `MAX_NESTING_DEPTH`), or `unreadable-input` for
 * a referenced file that does not parse. Pointers in errors start at `options.pointer` (default `''`).
 */
export async function bundleSchema(schema: JsonSchema, options: BundleOptions = {}): Promise<JsonSchema> {
  if (typeof schema === 'boolean') return schema;
  const session: Session = { options, files: new Map(), registry: new Map(), bytesRead: 0 };
  const root = structuredClone(schema) as Record<string, unknown>;
  const noFiles =
    options.baseDir === undefined
      ? 'refers to a file, but this document did not come from a folder: inline the schema or use a registry: ref'
      : undefined;
  const rootSite = siteAt(options.pointer ?? '', options);
  prepare(root, { ...rootSite, context: { fromDir: '', ...(noFiles !== undefined ? { noFiles } : {}) } }, session);
  if (session.files.size === 0 && session.registry.size === 0) return root;

  const guard = async <T>(work: () => Promise<T> | T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const failure = isConcordError(error) ? error : new ConcordError('ref-unresolved', readable(String(error)), {}, { cause: error });
      session.failure ??= failure;
      throw failure;
    }
  };
  const rootUrl = fileUrl(options.file !== undefined ? basename(options.file) : 'document');
  // Cast: the library types resolver results with its own JSON Schema types, narrower than ours.
  const parserOptions = {
    resolve: {
      external: true,
      file: false,
      http: false,
      concord: {
        order: 1,
        canRead: true,
        read: (file: FileInfo) =>
          guard<string | JsonSchema>(() => (file.url.startsWith(REGISTRY_SCHEME) ? readRegistryTarget(file.url, session) : readFileTarget(file.url, session))),
      },
    },
    parse: {
      json: false,
      yaml: false,
      text: false,
      binary: false,
      concord: { order: 1, canParse: true, allowEmpty: true, parse: (file: FileInfo) => guard(() => parseTarget(file, session)) },
    },
    bundle: { optimizeInternalRefs: false },
    continueOnError: false,
  } as unknown as ParserOptions;

  let bundled: unknown;
  try {
    bundled = await $RefParser.bundle(rootUrl, root as object, parserOptions);
  } catch (error) {
    throw session.failure ?? translateLibraryError(error, rootSite);
  }
  if (typeof bundled === 'boolean') return bundled;
  const tree = toPlainTree(bundled, { subject: 'the bundled record schema' }) as Record<string, unknown>;
  localizeRefs(tree, rootUrl, rootSite);
  const bytes = Buffer.byteLength(JSON.stringify(tree), 'utf8');
  if (bytes > MAX_BUNDLED_SCHEMA_BYTES) {
    throw siteError('too-large', `the bundled record schema is ${bytes} bytes, more than ${MAX_BUNDLED_SCHEMA_BYTES}: trim the schema or the files it refers to`, rootSite);
  }
  return tree;
}
