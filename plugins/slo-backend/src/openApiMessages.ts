/**
 * The OpenAPI validator (express-openapi-validator, through
 * `@backstage/backend-openapi-utils`) answers a bad request with Ajv's text,
 * such as `request/query/limit must be <= 500`, which names one broken bound
 * but not what is allowed. This rewrites it in the API's own wording, the one
 * the zod schemas use (`Invalid query: limit: must be an integer from 1 to
 * 500`), from the operation's parameter schema in openapi.yaml.
 */

type Schema = {
  type?: string;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
};

type Parameter = { name?: string; in?: string; schema?: Schema; $ref?: string };

/** The pattern openapi.yaml gives text that must not contain NUL. */
export const NO_NUL_PATTERN = '^[^\\x00]*$';

const AREA: Record<string, string> = {
  query: 'query',
  params: 'path',
  path: 'path',
  headers: 'header',
};

function resolve<T extends { $ref?: string }>(
  document: unknown,
  node: T | undefined,
): T | undefined {
  let current = node;
  for (let depth = 0; depth < 10 && current?.$ref; depth++) {
    let target: unknown = document;
    for (const key of current.$ref.replace(/^#\//, '').split('/')) {
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    current = target as T | undefined;
  }
  return current;
}

/** What a parameter schema allows, as the end of a sentence. */
export function describeSchema(schema: Schema): string {
  if (schema.enum) return `must be one of ${schema.enum.join(', ')}`;
  if (schema.type === 'integer' || schema.type === 'number') {
    const kind = schema.type === 'integer' ? 'an integer' : 'a number';
    if (schema.minimum !== undefined && schema.maximum !== undefined) {
      return `must be ${kind} from ${schema.minimum} to ${schema.maximum}`;
    }
    if (schema.minimum !== undefined) {
      return `must be ${kind} of at least ${schema.minimum}`;
    }
    if (schema.maximum !== undefined) {
      return `must be ${kind} of at most ${schema.maximum}`;
    }
    return `must be ${kind}`;
  }
  if (schema.format === 'date-time') {
    return 'must be a date-time with a time zone, e.g. 2026-06-01T00:00:00Z';
  }
  if (schema.type === 'string') {
    const min = schema.minLength ?? 0;
    const nul =
      schema.pattern === NO_NUL_PATTERN ? ' without NUL characters' : '';
    if (schema.maxLength !== undefined) {
      return `must be text of ${min} to ${schema.maxLength} characters${nul}`;
    }
    return `must be text${nul}`;
  }
  return 'is invalid';
}

/**
 * The validator's message rewritten from the operation (the validator's
 * `req.openapi.schema`) and the document its `$ref`s point into; other
 * messages are returned unchanged.
 */
export function clarifyValidationMessage(
  message: string,
  operation: { parameters?: readonly Parameter[] } | undefined,
  document: unknown,
): string {
  const parameters = (operation?.parameters ?? []).flatMap(parameter => {
    const resolved = resolve(document, parameter);
    return resolved ? [resolved] : [];
  });
  const unknown = /^Unknown query parameter '([^']*)'$/.exec(message);
  if (unknown) {
    const allowed = parameters
      .filter(parameter => parameter.in === 'query')
      .map(parameter => parameter.name);
    return `Invalid query: ${unknown[1]}: unknown parameter; allowed: ${
      allowed.length > 0 ? allowed.join(', ') : 'none'
    }`;
  }
  const empty = /^Empty value found for query parameter '([^']*)'$/.exec(
    message,
  );
  const failed = /^request\/(query|params|path|headers)\/([^/ ]+) (.*)$/.exec(
    message,
  );
  let [area, name, problem]: Array<string | undefined> = [];
  if (empty) [area, name, problem] = ['query', empty[1], 'is empty'];
  else if (failed) [area, name, problem] = [failed[1], failed[2], failed[3]];
  if (!area || !name) return message;
  const where = AREA[area] ?? area;
  const schema = resolve(
    document,
    parameters.find(p => p.name === name && AREA[p.in ?? ''] === where)?.schema,
  );
  if (!schema) return `Invalid ${where}: ${name}: ${problem}`;
  if (
    schema.pattern === NO_NUL_PATTERN &&
    problem?.startsWith('must match pattern')
  ) {
    return `Invalid ${where}: ${name}: must not contain NUL characters`;
  }
  return `Invalid ${where}: ${name}: ${describeSchema(schema)}`;
}
