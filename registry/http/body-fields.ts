import type { Request } from 'express';
import { MAX_EMAIL_LENGTH, ConcordError, parseText } from '../../contracts/index.js';
import type { Person } from '../../contracts/index.js';
import { readBodyText } from './read-body.js';
import { NUL_REFUSAL } from '../request/nul-refusal.js';

/** A JSON (or YAML) object body, read within the body limits and parsed without recursion. */
export type BodyObject = Readonly<Record<string, unknown>>;

/**
 * Longest text field in a small body (names, e-mails, ranges): these are labels, and 1,000
 * characters is far beyond any real one while keeping stored rows and messages small.
 */
export const MAX_TEXT_FIELD_LENGTH = 1_000;

function invalid(pointer: string, what: string): ConcordError {
  return new ConcordError('invalid-argument', `${pointer} ${what}`, { pointer });
}

/** Reads and parses a JSON or YAML body that must be an object; an empty body counts as `{}`. */
export async function readObjectBody(req: Request): Promise<BodyObject> {
  const body = await readBodyText(req);
  if (body.text.trim() === '') return {};
  const value = parseText(body.text, { file: '<body>', ...(body.format === undefined ? {} : { format: body.format }) }).value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConcordError('invalid-argument', 'the body must be a JSON object: send { ... } with the fields this endpoint takes');
  }
  return value as BodyObject;
}

/** A string member; undefined when absent and optional. */
export function stringField(body: BodyObject, key: string, pointer: string, required: true): string;
export function stringField(body: BodyObject, key: string, pointer: string, required?: false): string | undefined;
export function stringField(body: BodyObject, key: string, pointer: string, required = false): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) {
    if (required) throw invalid(pointer, 'is required: add it to the body');
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(pointer, 'must be a string');
  if (value.length > MAX_TEXT_FIELD_LENGTH) throw invalid(pointer, `is longer than ${MAX_TEXT_FIELD_LENGTH} characters: shorten it`);
  if (value.includes('\u0000')) throw invalid(pointer, NUL_REFUSAL);
  return value;
}

/** A list of strings; undefined when absent. */
export function stringListField(body: BodyObject, key: string, pointer: string): readonly string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid(pointer, 'must be a list of strings');
  const index = (value as string[]).findIndex((item) => item.includes('\u0000'));
  if (index !== -1) throw invalid(`${pointer}/${index}`, NUL_REFUSAL);
  return value as string[];
}

/** A nested object member. */
export function objectField(body: BodyObject, key: string, pointer: string): BodyObject {
  const value = body[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(pointer, 'is required and must be an object');
  return value as BodyObject;
}

/** `{ name, email }` at `pointer`. */
export function personField(body: BodyObject, key: string, pointer: string): Person {
  const person = objectField(body, key, pointer);
  const name = stringField(person, 'name', `${pointer}/name`, true);
  const email = stringField(person, 'email', `${pointer}/email`, true);
  if (name.trim() === '') throw invalid(`${pointer}/name`, 'must not be empty: name the person to contact');
  if (email.length > MAX_EMAIL_LENGTH) throw invalid(`${pointer}/email`, `is longer than ${MAX_EMAIL_LENGTH} characters, more than any e-mail address may be`);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw invalid(`${pointer}/email`, `"${email}" is not an e-mail address: write it like dana@example.com`);
  return { name, email };
}
