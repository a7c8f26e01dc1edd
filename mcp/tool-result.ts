import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isConcordError } from '../contracts/index.js';

/** Annotations of every tool that only reads: a client may call it without asking the user first. */
export const READ_ONLY = Object.freeze({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });

/** A tool's answer: the value as structured content and as JSON text, for clients that read only text. */
export function jsonResult(value: Readonly<Record<string, unknown>>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: { ...value } };
}

/** A tool error: the model reads `message` and can correct its call; the server keeps running. */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * Runs a tool body and turns every failure into a tool error: a ConcordError (bad argument, a
 * registry refusal, an unreachable registry) with its own message, which names what to do next;
 * anything else as a fault, without internals.
 */
export async function guarded(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    if (isConcordError(error)) return toolError(`${error.code}: ${error.message}`);
    return toolError(`the tool failed unexpectedly (${error instanceof Error ? error.name : 'unknown error'}): try again, and report it if it persists`);
  }
}
