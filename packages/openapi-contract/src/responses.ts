/**
 * Checks an HTTP response (supertest's, or anything with a status, headers
 * and a body) against the response the document declares for its operation:
 * the status must be documented, the content type too, and a JSON body must
 * match the schema (OpenAPI 3.0: `nullable` is honoured; `format`s are
 * checked with ajv-formats).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonObject } from './index';

export interface ResponseLike {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** Problems of a response, one line each (empty when it matches). */
export type ResponseValidator = (
  operation: string,
  response: ResponseLike,
) => string[];

const escape = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** A JSON pointer as a URI fragment (`{` and `}` must be escaped there). */
const fragment = (pointer: string) =>
  pointer
    .split('/')
    .map((part, index) => (index === 0 ? part : encodeURIComponent(part)))
    .join('/');

function at(document: JsonObject, pointer: string): unknown {
  let node: unknown = document;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  return node;
}

/**
 * A validator for `METHOD /path/{param}` operations of the document, e.g.
 * `validate('GET /slos/{sloId}', await request(app).get('/api/slo/slos/x'))`.
 */
export function createResponseValidator(
  document: JsonObject,
): ResponseValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');

  return (operation, response) => {
    const [method, apiPath] = operation.split(' ');
    let pointer = `#/paths/${escape(apiPath)}/${method.toLowerCase()}`;
    if (at(document, pointer) === undefined) {
      return [`${operation}: not in the document`];
    }
    const responses = at(document, `${pointer}/responses`) as JsonObject;
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, 'default'].find(k => k in responses);
    if (!key) {
      return [`${operation}: status ${status} is not documented`];
    }
    pointer = `${pointer}/responses/${key}`;
    for (let depth = 0; depth < 10; depth++) {
      const ref = (at(document, pointer) as JsonObject).$ref;
      if (typeof ref !== 'string') break;
      pointer = ref;
    }
    const content = (at(document, pointer) as JsonObject).content as
      | JsonObject
      | undefined;
    const header = response.headers['content-type'];
    const contentType = String(Array.isArray(header) ? header[0] : header ?? '')
      .split(';')[0]
      .trim();
    if (!content) {
      return contentType && response.body !== undefined && response.body !== ''
        ? [`${operation} ${status}: has a body, the document declares none`]
        : [];
    }
    if (!(contentType in content)) {
      return [
        `${operation} ${status}: content type ${
          contentType || '(none)'
        } is not documented (${Object.keys(content).join(', ')})`,
      ];
    }
    if (!/json/.test(contentType)) return [];
    const schemaPointer = `${pointer}/content/${escape(contentType)}/schema`;
    const validate = ajv.getSchema(`openapi${fragment(schemaPointer)}`);
    if (!validate) return [`${operation} ${status}: no schema`];
    if (validate(response.body)) return [];
    return (validate.errors ?? []).map(
      error =>
        `${operation} ${status}: body${error.instancePath} ${error.message}`,
    );
  };
}
