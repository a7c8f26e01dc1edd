import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Express, Response } from 'express';
import { OPENAPI_DOCUMENT } from '../../registry/http/openapi.js';

/*
 * Holds the registry's answers to its OpenAPI document while the HTTP suites run: every JSON
 * answer under /api is looked up by method, path template and status, and its body validated
 * against the schema the document gives it. A mismatch is recorded, and the suite's harness fails
 * the test that caused it.
 */

const DOCUMENT_ID = 'concord-openapi';

type Operations = Readonly<Record<string, { readonly responses?: Readonly<Record<string, unknown>> } | undefined>>;

interface Template {
  readonly path: string;
  readonly pattern: RegExp;
  /** Literal segments first: `/runs/latest` is a route of its own, not `/runs/{run}` with run=latest. */
  readonly params: number;
}

const escape = (pointer: string): string => pointer.replaceAll('~', '~0').replaceAll('/', '~1');

const templates: readonly Template[] = Object.keys(OPENAPI_DOCUMENT.paths)
  .map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (path.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.params - b.params);

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
addFormats.default(ajv);
ajv.addSchema({ ...OPENAPI_DOCUMENT, $id: DOCUMENT_ID });
const compiled = new Map<string, ValidateFunction>();

function validatorAt(pointer: string): ValidateFunction {
  let validate = compiled.get(pointer);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
    compiled.set(pointer, validate);
  }
  return validate;
}

/** The JSON pointer of the schema the document gives `status` of `method path`, or why there is none. */
function schemaPointer(method: string, path: string, status: number): { readonly pointer: string } | { readonly problem: string } {
  const template = templates.find((each) => each.pattern.test(path));
  const errorSchema = '/components/schemas/Error';
  if (template === undefined) return status >= 400 ? { pointer: errorSchema } : { problem: `no path of the document matches ${path}` };
  const operations = (OPENAPI_DOCUMENT.paths as Readonly<Record<string, Operations>>)[template.path];
  const operation = operations?.[method.toLowerCase()];
  if (operation === undefined) return status >= 400 ? { pointer: errorSchema } : { problem: `${method} ${template.path} is not in the document` };
  const response = operation.responses?.[String(status)] as { readonly $ref?: string } | undefined;
  if (response === undefined) return { problem: `${method} ${template.path} does not document status ${status}` };
  if (response.$ref !== undefined) return { pointer: `${response.$ref.slice(1)}/content/application~1json/schema` };
  return { pointer: `/paths/${escape(template.path)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema` };
}

/**
 * What is wrong with answering `method path` with `status` and `body`, by the OpenAPI document;
 * undefined when the document allows it. `path` is without its query.
 */
export function answerProblem(method: string, path: string, status: number, body: unknown): string | undefined {
  const found = schemaPointer(method, path, status);
  if ('problem' in found) return found.problem;
  const validate = validatorAt(found.pointer);
  if (validate(body)) return undefined;
  const errors = (validate.errors ?? []).slice(0, 5).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
  return `${method} ${path} ${status}: ${errors.join('; ')}`;
}

/** The mismatches seen since the last `take()`. */
export interface AnswerCheck {
  take(): readonly string[];
}

/**
 * Checks every JSON answer `app` sends under /api against the OpenAPI document, through the
 * app's response prototype (so the app under test is the real one, routes and all).
 */
export function checkAnswers(app: Express): AnswerCheck {
  let mismatches: string[] = [];
  const response = app.response as Response;
  const send = response.send;
  response.send = function checkedSend(this: Response, chunk?: unknown) {
    const type = String(this.getHeader('content-type') ?? '');
    const path = this.req.originalUrl.split('?')[0] ?? '';
    if (path.startsWith('/api/') && type.startsWith('application/json') && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      const problem = answerProblem(this.req.method, path, this.statusCode, JSON.parse(chunk.toString()));
      if (problem !== undefined) mismatches.push(problem);
    }
    return send.call(this, chunk);
  } as Response['send'];
  return {
    take() {
      const seen = mismatches;
      mismatches = [];
      return seen;
    },
  };
}
