import { describe, expect, test } from 'vitest';
import { describeFields } from '../../mcp/field-descriptions.js';
import { redactDocument, redactPiiValues } from '../../mcp/pii-redaction.js';

/*
 * Values written under pii fields never leave the MCP server, however the mark reaches the field;
 * values of other fields stay, so a redaction that removed everything would fail here too.
 */

const SECRET = 'ana.lima@example.com';

const CASES = [
  { name: 'a field marked pii', schema: { type: 'object', properties: { email: { type: 'string', pii: true, examples: [SECRET], default: SECRET } } } },
  { name: 'a field marked x-pii', schema: { type: 'object', properties: { email: { type: 'string', 'x-pii': true, enum: [SECRET] } } } },
  {
    name: 'a field inside a pii object',
    schema: { type: 'object', properties: { contact: { type: 'object', pii: true, properties: { email: { type: 'string', const: SECRET } } } } },
  },
  {
    name: 'a pii definition a field refers to',
    schema: { type: 'object', definitions: { email: { type: 'string', pii: true, examples: [SECRET] } }, properties: { email: { $ref: '#/definitions/email' } } },
  },
  {
    name: 'a field referring to a pii definition, with examples of its own',
    schema: { type: 'object', definitions: { email: { type: 'string', pii: true } }, properties: { email: { $ref: '#/definitions/email', examples: [SECRET] } } },
  },
  {
    name: 'a definition a pii field refers to, not itself marked',
    schema: { type: 'object', definitions: { email: { type: 'string', examples: [SECRET] } }, properties: { email: { $ref: '#/definitions/email', pii: true } } },
  },
  { name: 'a field marked pii in an allOf member', schema: { type: 'object', properties: { email: { allOf: [{ pii: true }, { type: 'string' }], examples: [SECRET] } } } },
];

/** A field that is not personal data, with values that must survive. */
const CURRENCY = { type: 'string', enum: ['EUR', 'USD'], examples: ['EUR'] };

describe('pii values are removed from schemas and documents, other values kept', () => {
  test.each(CASES)('$name', ({ schema }) => {
    const withCurrency = { ...schema, properties: { ...schema.properties, currency: CURRENCY } };
    const redacted = redactPiiValues(withCurrency);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(redacted.properties.currency).toEqual(CURRENCY);
    // The input is left as it was: the caller's copy may be cached.
    expect(JSON.stringify(withCurrency)).toContain(SECRET);

    const document = redactDocument({ contract: 'crm.people', version: '1.0.0', schema: withCurrency }) as { contract: string; schema: unknown };
    expect(document.contract).toBe('crm.people');
    expect(JSON.stringify(document)).not.toContain(SECRET);

    const fields = describeFields(withCurrency);
    expect(JSON.stringify(fields)).not.toContain(SECRET);
    expect(fields.find((field) => field.path === 'currency')).toMatchObject({ examples: ['EUR'], allowed: ['EUR', 'USD'], pii: false });
  });

  test('field descriptions name type, required, description and pii', () => {
    const schema = {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', description: 'the key' }, customer: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email', pii: true } } } },
    };
    expect(describeFields(schema)).toEqual([
      { path: 'id', types: ['string'], required: true, pii: false, description: 'the key' },
      { path: 'customer', types: ['object'], required: false, pii: false },
      { path: 'customer.email', types: ['string'], required: true, pii: true, format: 'email' },
    ]);
  });
});
