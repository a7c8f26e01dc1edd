import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ConcordError } from '../../contracts/index.js';
import type { ValidatorCache } from '../../contracts/index.js';
import type { RegistryClient } from '../../registry/client/index.js';
import { parseContractRef } from '../contract-ref.js';
import { MAX_ERRORS_PER_RECORD, MAX_RECORDS, MAX_RECORDS_CHARS } from '../limits.js';
import { contractRef } from '../tool-inputs.js';
import { guarded, jsonResult, READ_ONLY } from '../tool-result.js';

/**
 * Registers `validate_records`: records checked against the version a reference resolves to,
 * with the checker's own compiled validator (compileRecordValidator through `validators`), so a
 * model hears the same verdict a check or the agent SDK would give. Errors name fields and rules,
 * never values.
 */
export function registerValidateRecordsTool(server: McpServer, client: RegistryClient, validators: ValidatorCache): void {
  server.registerTool(
    'validate_records',
    {
      title: 'Validate records against a contract',
      description:
        `Checks up to ${MAX_RECORDS} records against the contract version a reference resolves to (commerce.orders@^2), ` +
        'with the same validator as the drift checker. Answers how many passed and, for each failing record, its index and ' +
        `up to ${MAX_ERRORS_PER_RECORD} errors as { field, rule, message }.`,
      inputSchema: {
        ref: contractRef,
        records: z.array(z.unknown()).min(1).max(MAX_RECORDS).describe(`The records to check, as JSON values (at most ${MAX_RECORDS_CHARS} characters in all)`),
      },
      annotations: READ_ONLY,
    },
    ({ ref, records }) =>
      guarded(async () => {
        const size = JSON.stringify(records).length;
        if (size > MAX_RECORDS_CHARS) {
          throw new ConcordError('too-large', `the records take ${size} characters as JSON, more than ${MAX_RECORDS_CHARS}: send fewer at a time`);
        }
        const { id, range } = parseContractRef(ref);
        const detail = await client.resolve(id, range);
        const validator = validators.validatorFor({ contract: detail.contract, version: detail.version, hash: detail.contentHash }, detail.schema);
        const rejected = records.flatMap((record, index) => {
          const verdict = validator.validate(record);
          if (verdict.valid) return [];
          const errors = verdict.errors.slice(0, MAX_ERRORS_PER_RECORD).map(({ field, rule, message }) => ({ field, rule, message }));
          const more = verdict.errors.length - errors.length;
          return [{ index, errors, ...(more > 0 ? { moreErrors: more } : {}) }];
        });
        return jsonResult({
          contract: detail.contract,
          version: detail.version,
          range,
          ...(detail.deprecated === null ? {} : { deprecated: detail.deprecated.reason }),
          valid: rejected.length === 0,
          checked: records.length,
          passed: records.length - rejected.length,
          rejected,
        });
      }),
  );
}
