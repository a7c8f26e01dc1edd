/**
 * How much work one request may make the registry do on a contract document. Evaluation (parse,
 * bundle, lint, compile, diff) runs in a pool of worker threads so that the event loop keeps
 * answering other requests; these numbers bound the pool, each evaluation's time and memory,
 * and the shape of the schemas it accepts.
 */

/**
 * Worker threads evaluating documents at once. Two keep a third of a small machine's cores (and
 * the event loop's) free for everything else, while one slow document does not hold up every
 * publish; more would only share the same cores.
 */
export const EVALUATION_POOL_SIZE = 2;

/**
 * Longest one request's evaluation may take, in milliseconds of worker time (parse, bundle,
 * lint, compile and every diff together). Typical documents take tens of milliseconds and a
 * 500-version transitive history a few seconds; past 10 s a publish is more likely a
 * pathological schema than a real one, and the worker is stopped so it stops burning a core.
 */
export const EVALUATION_DEADLINE_MS = 10_000;

/**
 * Most evaluations waiting for a free worker. Each waits at most the deadline per evaluation
 * ahead of it; past 64 the caller is told to come back rather than held for minutes.
 */
export const MAX_QUEUED_EVALUATIONS = 64;

/**
 * Old-generation heap of one worker, in MiB. A 2,500-branch `oneOf` once peaked at 867 MB
 * inside the server; a worker over this dies alone (the request gets 422) and is replaced,
 * while real documents use a few tens of MiB.
 */
export const EVALUATION_HEAP_MB = 512;

/**
 * How long an idle worker is kept, in milliseconds. A worker holds tens of MiB (its own heap and
 * a copy of the engine's code); one idle for 10 s is stopped, so the memory a burst of publishing
 * used goes back to the system. Starting one again costs about 0.3 s of CPU from the built code.
 */
export const EVALUATION_IDLE_MS = 10_000;

/**
 * Most branches of one `oneOf`, `anyOf` or `allOf`. Hand-written unions have tens of branches
 * and generated ones (one per event type) a few thousand; comparing combinators pairs branches,
 * so the count bounds that work.
 */
export const MAX_COMBINATOR_BRANCHES = 10_000;

/**
 * Most properties of one schema object (`properties`, `patternProperties`, `$defs`,
 * `definitions`). Wide records have hundreds of columns; 10,000 is past any real table.
 */
export const MAX_OBJECT_PROPERTIES = 10_000;

/**
 * Most objects in one record schema (every subschema and keyword object). With
 * {@link MAX_SCHEMA_BYTES} (512 KiB) a schema of tiny nodes could hold about 170,000; real
 * schemas of that size hold a few thousand, and lint, compile and diff are paid per node.
 */
export const MAX_SCHEMA_NODES = 100_000;

/**
 * Scheduling priority (nice value) of a worker's thread where the system allows one per thread
 * (Linux). Evaluation is batch work: when the cores are busy, the event loop answering other
 * requests should get them first. 10 is the usual value for background work.
 */
export const EVALUATION_NICE = 10;
