import { deepFreeze, contractChanges } from '../../contracts/index.js';
import type { RegistryResolver, Verdict, Change, Contract } from '../../contracts/index.js';
import { describeBody, loadCandidate } from '../services/contract-body.js';
import type { BodyLabel, Candidate, ContractText } from '../services/contract-body.js';
import { evaluateCandidate } from '../services/evaluate.js';
import { changeSourceOver, diffKey, verdictSourceOver } from '../services/history.js';
import type { ComputedChanges, HistoryEntry } from '../services/history.js';
import { evaluationToWire, heldModelKey } from './evaluation-wire.js';
import type { ChangesInput, EvaluateInput, EvaluateOutput, TaskName, Tasks } from './evaluation-wire.js';
import { measureSchema, requireModestSchema } from './schema-extent.js';

/** What a task may ask of the thread that sent it. */
export interface TaskHooks {
  /** Resolves a `registry:` ref; the store lives on the other thread. */
  readonly resolveRegistryRef: RegistryResolver;
  /** Hears what the document is, so a task stopped part-way can be named in the answer. */
  observe(seen: BodyLabel): void;
}

function describe(contract: Contract, hooks: TaskHooks): void {
  hooks.observe({ label: `${contract.id} ${contract.version}`, extent: measureSchema(contract.schema) });
}

/**
 * Names a JSON body, and holds it to the schema caps, before the full parse: that parse keeps
 * positions for messages and takes far longer than JSON.parse, so a deadline may pass inside it.
 * YAML bodies are named and measured once parsed.
 */
function glance(input: ContractText, hooks: TaskHooks): void {
  if (input.format === 'yaml' || !input.text.trimStart().startsWith('{')) return;
  let document: unknown;
  try {
    document = JSON.parse(input.text);
  } catch {
    // Not JSON after all: the full parse reports why.
    return;
  }
  const seen = describeBody(document);
  hooks.observe(seen);
  // A schema over the caps is refused now, before the slow parse.
  requireModestSchema(seen.extent, seen.label);
}

async function load(input: ContractText, hooks: TaskHooks): Promise<Candidate> {
  glance(input, hooks);
  return loadCandidate(input, hooks.resolveRegistryRef, (seen) => hooks.observe(seen));
}

// The published models this worker holds, by diff key and version; the pool keeps the same record per worker (see `withoutHeldModels`).
const heldModels = new Map<string, Contract>();

/** The history with every model in place: models that arrived are frozen and held, the others come from what this worker holds. */
function historyOf(input: EvaluateInput): HistoryEntry[] {
  if (input.forget === true) heldModels.clear();
  return input.history.map((entry, index) => {
    const diffKey = input.known.keys[index + 1];
    const key = diffKey === undefined ? undefined : heldModelKey(diffKey, entry.header);
    if (entry.contract !== undefined) {
      const model = deepFreeze(entry.contract);
      if (key !== undefined) heldModels.set(key, model);
      return { header: entry.header, contract: model };
    }
    const held = key === undefined ? undefined : heldModels.get(key);
    if (held === undefined) throw new Error(`the evaluation worker does not hold the model of ${entry.header.version}: the pool's record of held models is out of step`);
    return { header: entry.header, contract: held };
  });
}

function evaluate(input: EvaluateInput, hooks: TaskHooks): EvaluateOutput {
  const { known } = input;
  // A structured clone arrives unfrozen. Frozen again, the candidate is its own prepared copy (see
  // prepareSchema), so the engine compares this very object with every earlier version and the
  // keys below find it; unfrozen, each comparison got a fresh copy that hashed the whole
  // candidate again, which made a 500-version transitive check several times slower.
  const candidate = deepFreeze(input.candidate);
  describe(candidate, hooks);
  const history = historyOf(input);
  // The keys came with the contracts, in order; the objects are this thread's copies, so they are matched by identity here.
  const contracts = [candidate, ...history.map((entry) => entry.contract)];
  const keys = new Map<Contract, string>(contracts.map((contract, index) => [contract, known.keys[index] ?? diffKey(contract)]));
  // Any other contract object the engine passes (a copy it made) is hashed once, not once per comparison.
  const keyOf = (contract: Contract): string => {
    let key = keys.get(contract);
    if (key === undefined) keys.set(contract, (key = diffKey(contract)));
    return key;
  };
  const computed = new Map<string, ComputedChanges>();
  const pairs = new Map(known.pairs);
  const remembered = new Map(known.verdicts);
  const found = new Map<string, Verdict>();
  const source = changeSourceOver(keyOf, pairs, computed);
  const verdicts = verdictSourceOver(keyOf, pairs, (key) => remembered.get(key), (key, verdict) => found.set(key, verdict));
  const evaluation = evaluateCandidate(candidate, history, source, verdicts);
  return { evaluation: evaluationToWire(evaluation), computed: [...computed.values()], verdicts: [...found] };
}

function changes(input: ChangesInput, hooks: TaskHooks): readonly Change[] {
  describe(input.after, hooks);
  return contractChanges(input.before, input.after);
}

/** Runs one task; the evaluation worker calls this for every message, and so may a test. */
export async function runTask<T extends TaskName>(task: T, input: Tasks[T]['input'], hooks: TaskHooks): Promise<Tasks[T]['output']> {
  // The casts follow the task name: TypeScript does not narrow a generic's input by it.
  switch (task) {
    case 'load':
      return (await load(input as ContractText, hooks)) as Tasks[T]['output'];
    case 'evaluate':
      return evaluate(input as EvaluateInput, hooks) as Tasks[T]['output'];
    case 'changes':
      return changes(input as ChangesInput, hooks) as Tasks[T]['output'];
    default:
      throw new Error(`unknown evaluation task ${String(task)}`);
  }
}
