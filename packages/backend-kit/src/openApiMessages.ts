/**
 * The OpenAPI validator (express-openapi-validator, through
 * `@backstage/backend-openapi-utils`) answers a bad request with Ajv's text,
 * such as `request/query/limit must be <= 500`, which names one broken bound
 * but not what is allowed. This rewrites it in the API's own wording, the one
 * the zod schemas use (`Invalid query: limit: must be an integer from 1 to
 * 500`), from the operation's schemas in the plugin's openapi.yaml.
 */

/** The parts of an OpenAPI schema the messages read. @public */
export type OpenApiMessageSchema = {
  type?: string;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  $ref?: string;
  properties?: Record<string, OpenApiMessageSchema>;
  items?: OpenApiMessageSchema;
};

/** An operation's parameter (or a `$ref` to one). @public */
export type OpenApiMessageParameter = {
  name?: string;
  in?: string;
  schema?: OpenApiMessageSchema;
  $ref?: string;
};

/** The pattern openapi.yaml gives text that must not contain NUL. @public */
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

/** The parts of an operation (`req.openapi.schema`) the messages read. @public */
export type OpenApiMessageOperation = {
  parameters?: readonly OpenApiMessageParameter[];
  requestBody?: {
    $ref?: string;
    content?: Record<string, { schema?: OpenApiMessageSchema }>;
  };
};

/** What a parameter schema allows, as the end of a sentence. @public */
export function describeSchema(schema: OpenApiMessageSchema): string {
  if (schema.enum) {
    return `must be one of ${schema.enum
      .filter(value => value !== null)
      .join(', ')}`;
  }
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

/** `a.b[0].c` for the validator's `/a/b/0/c`. */
function fieldName(pointer: string[]): string {
  let out = '';
  for (const part of pointer) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(body)';
}

/** One of the validator's body messages (`request/body/a/0 must ...`) rewritten. */
function clarifyBodyProblem(
  pointer: string[],
  problem: string,
  rootSchema: OpenApiMessageSchema | undefined,
  body: unknown,
  document: unknown,
): string {
  let schema = resolve(document, rootSchema);
  let value = body;
  for (const part of pointer) {
    schema = resolve(
      document,
      /^\d+$/.test(part) && schema?.items
        ? schema.items
        : schema?.properties?.[part],
    );
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  const required = /^must have required property '([^']*)'$/.exec(problem);
  if (required) return `${fieldName([...pointer, required[1]])}: is required`;
  if (problem === 'must NOT have additional properties') {
    const allowed = Object.keys(schema?.properties ?? {});
    const unknown =
      value && typeof value === 'object'
        ? Object.keys(value).filter(key => !allowed.includes(key))
        : [];
    return unknown
      .map(
        key =>
          `${fieldName([...pointer, key])}: unknown field; allowed: ${
            allowed.length > 0 ? allowed.join(', ') : 'none'
          }`,
      )
      .join('; ');
  }
  if (schema && problem.startsWith('must match pattern')) {
    if (schema.pattern === NO_NUL_PATTERN) {
      return `${fieldName(pointer)}: must not contain NUL characters`;
    }
  }
  if (
    schema &&
    (schema.enum ||
      problem.startsWith('must be <') ||
      problem.startsWith('must be >') ||
      problem.startsWith('must NOT have more than') ||
      problem.startsWith('must NOT have fewer than'))
  ) {
    if (schema.type === 'array') {
      return `${fieldName(pointer)}: ${problem}`;
    }
    return `${fieldName(pointer)}: ${describeSchema(schema)}`;
  }
  return `${fieldName(pointer)}: ${problem}`;
}

/**
 * The validator's message rewritten from the operation (the validator's
 * `req.openapi.schema`), the document its `$ref`s point into and, for body
 * messages, the request's body (to name unknown fields); other messages are
 * returned unchanged.
 * @public
 */
export function clarifyValidationMessage(
  message: string,
  operation: OpenApiMessageOperation | undefined,
  document: unknown,
  body?: unknown,
): string {
  // With all errors reported, one message per problem: each rewritten, and
  // those about the same part of the request joined after one prefix.
  const parts = message.split(/, (?=request\/(?:query|params|path|headers)\b)/);
  if (parts.length > 1) {
    const clarified = parts.map(part =>
      clarifyValidationMessage(part, operation, document, body),
    );
    const prefix = /^Invalid [a-z]+: /.exec(clarified[0])?.[0];
    return prefix && clarified.every(part => part.startsWith(prefix))
      ? `${prefix}${clarified
          .map(part => part.slice(prefix.length))
          .join('; ')}`
      : clarified.join('; ');
  }
  if (/^request\/body\b/.test(message)) {
    const rootSchema = resolve(document, operation?.requestBody)?.content?.[
      'application/json'
    ]?.schema;
    const problems = message
      .split(/, (?=request\/body\b)/)
      .map(part => {
        const match = /^request\/body(\S*) (.*)$/.exec(part);
        if (!match) return part;
        const pointer = match[1].split('/').filter(Boolean);
        return clarifyBodyProblem(
          pointer,
          match[2],
          rootSchema,
          body,
          document,
        );
      })
      .filter(Boolean);
    return `Invalid body: ${[...new Set(problems)].join('; ')}`;
  }
  const parameters = (operation?.parameters ?? []).flatMap(parameter => {
    const resolved = resolve(document, parameter);
    return resolved ? [resolved] : [];
  });
  // The validator's own wording (with a stray quote) for %ED%A0%80 and the like.
  if (message === "malformed uri'") {
    return 'Invalid path: not valid percent-encoded UTF-8';
  }
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

const rawQueries = new WeakMap<object, unknown>();

/**
 * Middleware that keeps the query string as the client sent it. The OpenAPI
 * validator coerces `req.query` in place (`limit=1e2` becomes 100, defaults
 * are added); zod schemas read the original (`rawQuery`), so digits-only
 * stays digits-only. Put it in `createValidatedOpenApiRouter`'s middleware.
 * @public
 */
export function keepRawQuery(
  req: { query?: unknown },
  _res: unknown,
  next: () => void,
): void {
  rawQueries.set(req, structuredClone(req.query ?? {}));
  next();
}

/** The query `keepRawQuery` kept for the request (`{}` if none). @public */
export function rawQuery(req: object): unknown {
  return rawQueries.get(req) ?? {};
}
