import express from 'express';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { answerProblem, checkAnswers } from '../../support/openapi-answers.js';
import { asAdmin, useRegistry } from './registry-harness.js';

const contract = {
  contract: 'commerce.orders',
  namespace: 'commerce',
  name: 'orders',
  title: null,
  owner: { name: 'Dana Fischer', email: 'dana.fischer@example.com' },
  ownerPrincipal: null,
  ownerPrincipalName: null,
  team: null,
  status: 'active',
  latestVersion: '1.0.0',
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const { title: _title, ...untitled } = contract;

describe('answers checked against the OpenAPI document', () => {
  test.each<[string, string, string, number, unknown, RegExp | undefined]>([
    ['a contract as documented', 'GET', '/api/contracts/commerce.orders', 200, contract, undefined],
    ['a contract without its title', 'GET', '/api/contracts/commerce.orders', 200, untitled, /must have required property 'title'/],
    ['a contract with an unknown status', 'GET', '/api/contracts/commerce.orders', 200, { ...contract, status: 'gone' }, /\/status/],
    ['a page with a string total', 'GET', '/api/contracts', 200, { items: [contract], limit: null, offset: 0, total: '1' }, /\/total must be integer/],
    ['an error body', 'GET', '/api/contracts/commerce.orders', 404, { error: { code: 'not-found', message: 'no such contract' } }, undefined],
    ['an error body with an unknown code', 'GET', '/api/contracts/commerce.orders', 404, { error: { code: 'oops', message: 'no' } }, /\/error\/code/],
    ['a status the operation does not document', 'GET', '/api/contracts/commerce.orders', 409, { error: { code: 'conflict', message: 'no' } }, /does not document status 409/],
    ['a literal segment before a parameter', 'GET', '/api/contracts/commerce.orders/runs/latest', 400, { error: { code: 'invalid-argument', message: 'no' } }, undefined],
    ['an unknown route answering an error', 'GET', '/api/nothing', 404, { error: { code: 'not-found', message: 'no route' } }, undefined],
    ['an unknown route answering success', 'GET', '/api/nothing', 200, {}, /no path of the document/],
  ])('%s', (_name, method, path, status, body, problem) => {
    const found = answerProblem(method, path, status, body);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  test('an app whose route answers a wrong body is caught, and a right one passes', async () => {
    const app = express();
    app.get('/api/contracts/:id', (req, res) => {
      res.json(req.params.id === 'commerce.orders' ? contract : untitled);
    });
    const answers = checkAnswers(app);
    await request(app).get('/api/contracts/commerce.orders');
    expect(answers.take()).toEqual([]);
    await request(app).get('/api/contracts/commerce.other');
    expect(answers.take()).toEqual([expect.stringMatching(/^GET \/api\/contracts\/commerce\.other 200: .*title/)]);
  });

  describe('in the HTTP suites', () => {
    const harness = useRegistry('sqlite');

    test('the harness app checks its answers', async () => {
      expect(harness().registry.app.response.send.name).toBe('checkedSend');
      const response = await request(harness().registry.app).get('/api/contracts').set(asAdmin);
      expect(response.status).toBe(200);
    });
  });
});
