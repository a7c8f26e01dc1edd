import type { Server } from 'node:http';

/**
 * How long a stopping server waits for requests in flight before cutting their connections.
 * Registry requests take milliseconds to a couple of seconds (a publish in a transitive mode
 * with hundreds of versions); five seconds lets them finish and still stops well inside the 30
 * seconds container platforms allow before they kill the process.
 */
export const SHUTDOWN_GRACE_MS = 5_000;

export type CloseOutcome = 'drained' | 'forced';

/**
 * Stops `server` accepting connections, closes idle keep-alive connections, and resolves once
 * the requests in flight have been answered (`drained`), or after `graceMs` (default
 * {@link SHUTDOWN_GRACE_MS}) with the remaining connections cut (`forced`).
 */
export function closeServer(server: Server, graceMs: number = SHUTDOWN_GRACE_MS): Promise<CloseOutcome> {
  return new Promise((resolve) => {
    let outcome: CloseOutcome = 'drained';
    const timer = setTimeout(() => {
      outcome = 'forced';
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve(outcome);
    });
    server.closeIdleConnections();
  });
}

/**
 * Calls `stop` once on the first SIGINT or SIGTERM. A second signal while stopping exits at
 * once with 128 + the signal's number, for a person who does not want to wait.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    stop(signal);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}
