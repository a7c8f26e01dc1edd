/**
 * One async, first-come-first-served lock per SQLite file, shared by every handle this process
 * opens on that file.
 *
 * Why it exists: better-sqlite3 is synchronous, so when a second handle meets a locked database
 * SQLite's busy handler sleeps on the only JavaScript thread — and the handle that holds the lock
 * can never run to release it. Handles in one process therefore take turns here, asynchronously;
 * SQLite's own locks and busy timeout still arbitrate between processes.
 */
export interface FileGate {
  /** Resolves once the caller holds the gate; call the returned function exactly once to let the next one in. */
  enter(): Promise<() => void>;
  /** Forgets this handle's use of the gate. */
  detach(): void;
}

interface SharedGate {
  handles: number;
  /** Resolves when the current holder leaves; undefined when the gate is free. */
  tail: Promise<void> | undefined;
}

const gates = new Map<string, SharedGate>();

/** Attaches one database handle to the gate of `file` (an absolute, resolved path). */
export function attachFileGate(file: string): FileGate {
  let shared = gates.get(file);
  if (shared === undefined) {
    shared = { handles: 0, tail: undefined };
    gates.set(file, shared);
  }
  shared.handles += 1;
  const gate = shared;
  let detached = false;
  return {
    async enter() {
      const previous = gate.tail;
      let leave!: () => void;
      const current = new Promise<void>((resolve) => {
        leave = resolve;
      });
      gate.tail = current;
      if (previous !== undefined) await previous;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        if (gate.tail === current) gate.tail = undefined;
        leave();
      };
    },
    detach() {
      if (detached) return;
      detached = true;
      gate.handles -= 1;
      if (gate.handles === 0 && gates.get(file) === gate) gates.delete(file);
    },
  };
}
