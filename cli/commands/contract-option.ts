import { stat } from 'node:fs/promises';
import { loadCheckedContractFile, resolveCheckedContract, type CheckedContract } from '../../checker/index.js';
import { CONTRACT_ID_PATTERN } from '../../contracts/index.js';
import { parseContractRef } from '../contract-ref.js';
import { registryClientFrom } from '../registry-options.js';
import type { RegistryCommandOptions } from '../registry-options.js';

/** `namespace.name` with an optional `@range`: the id pattern without its anchors, then anything after `@`. */
const CONTRACT_REF = new RegExp(`^(?:${CONTRACT_ID_PATTERN.replace(/^\^/, '').replace(/\$$/, '')})(?:@.+)?$`);

export interface ContractOption extends CheckedContract {
  /** Whether the contract came from a registry (then runs are recorded there by default). */
  readonly fromRegistry: boolean;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * `--contract` of `check` and `gate`: an existing file is loaded as a contract document;
 * otherwise `namespace.name` or `namespace.name@range` is resolved in the registry (from
 * --url/--token or CONCORD_URL/CONCORD_TOKEN); anything else is read as a file, so a typo is
 * reported as a missing file with its path. `env` defaults to `process.env`.
 */
export async function loadContractOption(value: string, options: RegistryCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<ContractOption> {
  if (!(await isFile(value)) && CONTRACT_REF.test(value)) {
    const { id, range } = parseContractRef(value);
    return { ...(await resolveCheckedContract(registryClientFrom(options, env), id, range)), fromRegistry: true };
  }
  // A local file may still hold registry: refs; they resolve only when a registry is named.
  const hasRegistry = options.url !== undefined || (env.CONCORD_URL ?? '') !== '';
  return { ...(await loadCheckedContractFile(value, hasRegistry ? registryClientFrom(options, env) : undefined)), fromRegistry: false };
}
