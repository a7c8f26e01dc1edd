import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { EVALUATION_NICE } from './evaluation-limits.js';

/**
 * Lowers the calling thread's priority to {@link EVALUATION_NICE}. On Linux a thread has its own
 * id (read from /proc/thread-self) and its own nice value; elsewhere that link does not exist and
 * the thread keeps the process's priority: evaluation still runs off the event loop, only not
 * behind it.
 */
export function lowerThreadPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, EVALUATION_NICE);
  } catch {
    // No per-thread priority on this system.
  }
}
