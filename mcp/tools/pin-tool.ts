import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { RegistryClient } from '../../registry/client/index.js';
import { parseContractRef } from '../contract-ref.js';
import { MAX_FIELD_PATH_LENGTH, MAX_PIN_FIELDS } from '../limits.js';
import { consumerName, contractRef } from '../tool-inputs.js';
import { guarded, jsonResult } from '../tool-result.js';

/**
 * Registers `pin_contract`, the one tool that writes: it registers or updates a consumer's pin
 * through the registry's pin route, so the registry decides whether the caller may (a consumer's
 * own pins, or a publisher's or admin's). Only servers whose token may write register it.
 */
export function registerPinTool(server: McpServer, client: RegistryClient): void {
  server.registerTool(
    'pin_contract',
    {
      title: 'Pin a consumer to a contract',
      description:
        "Registers or updates a consumer's pin on a contract: the semver range it accepts and the record fields it reads. " +
        'The registry then warns before publishing a change that breaks those fields. The consumer must already be registered.',
      inputSchema: {
        consumer: consumerName,
        ref: contractRef,
        fields: z
          .array(z.string().min(1).max(MAX_FIELD_PATH_LENGTH))
          .max(MAX_PIN_FIELDS)
          .optional()
          .describe('Record fields the consumer reads, as dotted paths (customer.id, lines[].sku); default every field'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ consumer, ref, fields }) =>
      guarded(async () => {
        const { id, range } = parseContractRef(ref);
        const pinned = await client.pin(consumer, id, { range, ...(fields === undefined ? {} : { fields }) });
        return jsonResult({ ...pinned });
      }),
  );
}
