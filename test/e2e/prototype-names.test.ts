import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCheck } from '../../checker/run-check.js';
import { createSource } from '../../checker/sources/create-source.js';
import { contractContentHash } from '../../contracts/content-hash.js';
import { diffContracts } from '../../contracts/diff/contract-diff.js';
import { diffSchemas } from '../../contracts/diff/schema-diff.js';
import { prepareSchema } from '../../contracts/diff/prepared-schema.js';
import { loadContractText, type LoadedDocument } from '../../contracts/document/load-contract.js';
import type { Contract } from '../../contracts/model.js';
import { runCli } from '../cli/run-cli.js';
import { asAdmin, ordersDocument as withMetrics, useRegistry } from '../registry/http/registry-harness.js';
import { STORAGE_TARGETS } from '../registry/storage/storage-targets.js';

/*
 * Property names that are also names of `Object.prototype` members must be compared like any
 * other name. Each scenario runs once under `amount` (the control) and once under the name, and
 * the answers must be the same once the name is written as `amount`: a step that copies keys onto
 * a plain `{}` (where `__proto__` sets the prototype) or looks them up with `in` or `obj[name]`
 * (where `constructor` and `toString` are inherited) answers differently and fails here.
 */

const CONTROL = 'amount';
const NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'] as const;

/** The orders document without metrics: they read `amount`, which only the control has. */
const ordersDocument = (version: string, overrides: Readonly<Record<string, unknown>> = {}) => withMetrics(version, { metrics: undefined, ...overrides });

/** An object with `name` as an own member: an object literal would set the prototype for `__proto__`. */
function withMember(base: Readonly<Record<string, unknown>>, name: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...base };
  Object.defineProperty(copy, name, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

function recordSchema(name: string, type: string, description?: string): Record<string, unknown> {
  const property = description === undefined ? { type } : { type, description };
  return { type: 'object', properties: withMember({ order_id: { type: 'string' } }, name, property), required: ['order_id'] };
}

/** The contract of a loaded document, which must have loaded without errors. */
function loaded(document: LoadedDocument): Contract {
  expect(document.problems.filter((problem) => problem.severity === 'breaking')).toEqual([]);
  if (document.contract === undefined) throw new Error('the document did not load as a contract');
  return document.contract;
}

/** The JSON text of `value` with every mention of `name` written as the control's (by default, the control name). */
function asControl(value: unknown, name: string, control: string = CONTROL): unknown {
  return JSON.parse(JSON.stringify(value).replaceAll(name, control)) as unknown;
}

/** Runs `scenario` under the control and under `name`, and expects the same answer. */
async function expectSameAsControl(name: string, scenario: (name: string) => Promise<unknown> | unknown): Promise<void> {
  const control = await scenario(CONTROL);
  const under = await scenario(name);
  expect(asControl(under, name)).toEqual(control);
}

describe.each(NAMES)('a property named %s', (name) => {
  describe('in the engine', () => {
    test('a type change is found, with its pointer and field', async () => {
      const changes = diffSchemas(recordSchema(name, 'string'), recordSchema(name, 'integer'));
      expect(changes).toEqual([expect.objectContaining({ rule: 'type-changed', path: `/properties/${name}/type`, field: name })]);
      await expectSameAsControl(name, (field) => diffSchemas(recordSchema(field, 'string'), recordSchema(field, 'integer')));
    });

    test('prepared (frozen) schemas find it too, and a change in its text is not skipped as identical', async () => {
      await expectSameAsControl(name, (field) => [
        diffSchemas(prepareSchema(recordSchema(field, 'string')), prepareSchema(recordSchema(field, 'integer'))),
        diffSchemas(prepareSchema(recordSchema(field, 'string', 'old')), prepareSchema(recordSchema(field, 'string', 'new'))),
      ]);
    });

    test('contracts loaded from YAML and JSON text keep it', async () => {
      await expectSameAsControl(name, async (field) => {
        const before = await loadContractText(stringify(ordersDocument('1.0.0', { schema: recordSchema(field, 'string') })), { format: 'yaml' });
        const after = await loadContractText(JSON.stringify(ordersDocument('1.1.0', { schema: recordSchema(field, 'integer') })), { format: 'json' });
        const report = diffContracts(loaded(before), loaded(after));
        return { compatible: report.compatible, bump: report.requiredBump, changes: report.changes };
      });
    });
  });

  describe('in concord diff', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await fs.mkdtemp(join(tmpdir(), 'concord-proto-'));
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    test('the CLI reports the breaking change and exits 1', async () => {
      await expectSameAsControl(name, async (field) => {
        const safe = field.replace(/\W/g, '');
        const before = join(dir, `${safe}-before.json`);
        const after = join(dir, `${safe}-after.yaml`);
        await fs.writeFile(before, JSON.stringify(ordersDocument('1.0.0', { schema: recordSchema(field, 'string') })));
        await fs.writeFile(after, stringify(ordersDocument('1.1.0', { schema: recordSchema(field, 'integer') })));
        const run = await runCli(['diff', before, after, '--format', 'json']);
        expect(run.code).toBe(1);
        // A fingerprint hashes the path, so it differs by name; that each change carries one is what must match.
        expect(run.stdout).toMatch(/"fingerprint": ?"[^"]+"/);
        return JSON.parse(run.stdout.replace(/"fingerprint": ?"[^"]+"/g, '"fingerprint": "-"')) as unknown;
      });
    });
  });

  describe.each(STORAGE_TARGETS)('in publish over HTTP on $dialect', (target) => {
    describe.skipIf(!target.available)('publish and re-publish', () => {
      // Public reads, so the UI pages can be read without a login.
      const harness = useRegistry(target.dialect, { publicRead: true });
      const publish = (document: unknown) => request(harness().registry.app).post('/api/contracts').set(asAdmin).send(document as object);
      /** The parts of a response that do not depend on when it was given. */
      const answer = (response: request.Response) => ({ status: response.status, body: response.body as unknown });
      const timeless = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/"(publishedAt|at)":"[^"]*"/g, '"$1":"-"').replace(/"contentHash":"[0-9a-f]+"/g, '"contentHash":"-"')) as unknown;

      test('a breaking change under it is refused (409) in publish and its check, a major bump is accepted, and different content under a published version is a conflict', async () => {
        const responses = new Map<string, unknown[]>();
        for (const field of [CONTROL, name]) {
          // Each run publishes its own contract; the named one's id is written as the control's before comparing.
          const id = field === CONTROL ? 'commerce.control' : 'commerce.named';
          const document = (version: string, type: string, description?: string) => ordersDocument(version, { contract: id, schema: recordSchema(field, type, description) });
          await publish(document('1.0.0', 'string')).expect(201);
          const refused = await publish(document('1.1.0', 'integer'));
          const checked = await request(harness().registry.app).post(`/api/contracts/${id}/check`).set(asAdmin).send(document('1.1.0', 'integer'));
          const accepted = await publish(document('2.0.0', 'integer'));
          const conflict = await publish(document('2.0.0', 'integer', 'changed'));
          const same = await publish(document('2.0.0', 'integer'));
          responses.set(field, [refused, checked, accepted, conflict, same].map((response) => asControl(timeless(answer(response)), 'commerce.named', 'commerce.control')));
          // The UI lists the field and the changelog between the versions names it.
          const page = await request(harness().registry.app).get(`/contracts/${id}`);
          expect(page.status).toBe(200);
          expect(page.text).toContain(`<code>${field}</code>`);
          const versions = await request(harness().registry.app).get(`/contracts/${id}/versions?from=1.0.0&to=2.0.0`);
          expect(versions.status).toBe(200);
          expect(versions.text).toContain(`/properties/${field}/type`);
        }
        expect(responses.get(CONTROL)?.map((entry) => (entry as { status: number }).status)).toEqual([409, 200, 201, 409, 200]);
        expect(asControl(responses.get(name), name)).toEqual(responses.get(CONTROL));
      });
    });
  });

  describe('in the checker', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await fs.mkdtemp(join(tmpdir(), 'concord-proto-check-'));
    });
    afterAll(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    test('records whose value under it drifts to another type, or that lack it where it is required, are reported the same', async () => {
      await expectSameAsControl(name, async (field) => {
        const schema = { ...recordSchema(field, 'number'), required: ['order_id', field] };
        const document = await loadContractText(JSON.stringify(ordersDocument('1.0.0', { schema })), { format: 'json' });
        const record = (index: number) => (index % 5 === 1 ? { order_id: `A-${index}` } : withMember({ order_id: `A-${index}` }, field, index % 4 === 0 ? `x${index}` : index));
        const lines = Array.from({ length: 40 }, (_, index) => JSON.stringify(record(index)));
        const path = join(dir, `${field.replace(/\W/g, '')}.jsonl`);
        await fs.writeFile(path, `${lines.join('\n')}\n`);
        const source = await createSource({ name: 'test', type: 'file', path });
        const contract = loaded(document);
        const report = await runCheck({ contract: { contract, hash: contractContentHash(contract), origin: 'test' }, source, sampler: { kind: 'head', size: 100 } });
        expect(report.verdict).toBe('breaking');
        expect(report.violations.map((group) => [group.keyword, group.field])).toEqual(expect.arrayContaining([['type', field], ['required', field]]));
        const { verdict, violations, drift, profile } = report;
        // Fingerprints hash the field name, so they differ by design; everything else must not.
        for (const finding of [...violations, ...drift]) expect(finding.fingerprint).toMatch(/^[0-9a-f]{16}$/);
        return { verdict, violations: violations.map((group) => ({ ...group, fingerprint: '-' })), drift: drift.map((finding) => ({ ...finding, fingerprint: '-' })), profile };
      });
    });
  });
});
