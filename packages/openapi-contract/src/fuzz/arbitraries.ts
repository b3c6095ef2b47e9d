import fc from 'fast-check';
import type { Json, JsonObject } from '../index';

/**
 * fast-check arbitraries of the requests an OpenAPI 3.0 operation accepts
 * and of the ways to get one wrong, built from the document alone so every
 * documented route is fuzzed without a hand-written generator.
 *
 * Over 500 lines as one file, in three parts: the operations read from the
 * document (fuzzOperations), schema to value arbitraries (valueArbitrary,
 * wrongType, invalidValue) and whole requests built on them (validRequest,
 * invalidRequest, a third of the file: one case per way to break a request).
 * Kept together for this first version; the split is those three files.
 */

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One documented operation, with `$ref`s followed. */
export interface FuzzOperation {
  method: string;
  path: string;
  pathParams: Array<{ name: string; schema: JsonObject }>;
  queryParams: Array<{ name: string; schema: JsonObject; required: boolean }>;
  /** The JSON request body's schema, if the operation takes one. */
  body?: JsonObject;
}

/** A request to send: `path` is already filled in and encoded. */
export interface FuzzRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  /** Raw body text (JSON unless `contentType` says otherwise). */
  body?: string;
  contentType?: string;
  /** What was made wrong, or undefined for a request the document accepts. */
  invalid?: { kind: string; field?: string };
}

function deref(document: JsonObject, node: Json | undefined): JsonObject {
  let current = node;
  for (let depth = 0; depth < 10 && isObject(current); depth++) {
    const ref = current.$ref;
    if (typeof ref !== 'string') return current;
    current = ref
      .slice(2)
      .split('/')
      .reduce<Json | undefined>(
        (at, key) => (isObject(at) ? at[key] : undefined),
        document,
      );
  }
  return isObject(current) ? current : {};
}

/** Every operation of the document. */
export function fuzzOperations(document: JsonObject): FuzzOperation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([apiPath, rawItem]) => {
    const item = deref(document, rawItem);
    return HTTP_METHODS.flatMap(method => {
      const operation = item[method];
      if (!isObject(operation)) return [];
      const parameters = [
        ...(Array.isArray(item.parameters) ? item.parameters : []),
        ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      ].map(p => deref(document, p));
      const schemaOf = (p: JsonObject) => resolveSchema(document, p.schema);
      const content = deref(document, operation.requestBody).content;
      const json = isObject(content) ? content['application/json'] : undefined;
      return [
        {
          method,
          path: apiPath,
          pathParams: parameters
            .filter(p => p.in === 'path')
            .map(p => ({ name: String(p.name), schema: schemaOf(p) })),
          queryParams: parameters
            .filter(p => p.in === 'query')
            .map(p => ({
              name: String(p.name),
              schema: schemaOf(p),
              required: p.required === true,
            })),
          body: isObject(json)
            ? resolveSchema(document, json.schema)
            : undefined,
        },
      ];
    });
  });
}

/** The schema with every nested `$ref` replaced by what it names. */
function resolveSchema(
  document: JsonObject,
  node: Json | undefined,
  depth = 0,
): JsonObject {
  const schema = deref(document, node);
  if (depth > 8) return {};
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          resolveSchema(document, v, depth + 1),
        ]),
      );
    } else if (
      (key === 'items' || key === 'additionalProperties') &&
      isObject(value)
    ) {
      out[key] = resolveSchema(document, value, depth + 1);
    } else if (
      ['oneOf', 'anyOf', 'allOf'].includes(key) &&
      Array.isArray(value)
    ) {
      out[key] = value.map(v => resolveSchema(document, v, depth + 1));
    } else {
      out[key] = value;
    }
  }
  return out;
}

const num = (value: Json | undefined) =>
  typeof value === 'number' ? value : undefined;

/** Values the schema accepts. */
export function valueArbitrary(
  schema: JsonObject,
  depth = 0,
): fc.Arbitrary<Json> {
  const nullable = schema.nullable === true;
  const base = baseArbitrary(schema, depth);
  return nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
}

function baseArbitrary(schema: JsonObject, depth: number): fc.Arbitrary<Json> {
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter(v => v !== null);
    return values.length ? fc.constantFrom(...values) : fc.constant(null);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length) {
      return fc.oneof(
        ...options.map(o => valueArbitrary(isObject(o) ? o : {}, depth + 1)),
      );
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    const merged: JsonObject = {};
    const properties: JsonObject = {};
    const required: Json[] = [];
    for (const part of schema.allOf.filter(isObject)) {
      Object.assign(merged, part);
      if (isObject(part.properties)) Object.assign(properties, part.properties);
      if (Array.isArray(part.required)) required.push(...part.required);
    }
    delete merged.allOf;
    return valueArbitrary(
      { ...merged, type: 'object', properties, required },
      depth + 1,
    );
  }
  const minLength = num(schema.minLength) ?? 0;
  const maxLength = Math.min(num(schema.maxLength) ?? 40, 40);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') {
        return fc
          .date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2100-01-01T00:00:00Z'),
            noInvalidDate: true,
          })
          .map(d => d.toISOString());
      }
      if (schema.format === 'date') {
        return fc
          .date({
            min: new Date('2000-01-01T00:00:00Z'),
            max: new Date('2100-01-01T00:00:00Z'),
            noInvalidDate: true,
          })
          .map(d => d.toISOString().slice(0, 10));
      }
      if (schema.format === 'uri') return fc.webUrl();
      if (
        typeof schema.pattern === 'string' &&
        schema.pattern !== '^[^\\x00]*$'
      ) {
        // The pattern comes from the plugin's own openapi.yaml.
        // eslint-disable-next-line security/detect-non-literal-regexp
        return fc.stringMatching(new RegExp(schema.pattern));
      }
      return fc.string({
        minLength,
        maxLength: Math.max(minLength, maxLength),
        unit: 'grapheme-ascii',
      });
    case 'integer':
      return fc.integer({
        min: Math.max(num(schema.minimum) ?? -1_000_000, -2_147_483_648),
        max: Math.min(num(schema.maximum) ?? 1_000_000, 2_147_483_647),
      });
    case 'number':
      return fc.double({
        min: num(schema.minimum) ?? -1e6,
        max: num(schema.maximum) ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = isObject(schema.items) ? schema.items : {};
      return fc.array(valueArbitrary(items, depth + 1), {
        minLength: num(schema.minItems) ?? 0,
        maxLength: Math.min(num(schema.maxItems) ?? 3, 3),
      });
    }
    default: {
      const properties = isObject(schema.properties) ? schema.properties : {};
      if (depth > 5 || Object.keys(properties).length === 0) {
        return fc.constant({});
      }
      const required = Array.isArray(schema.required)
        ? schema.required.map(String)
        : [];
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([k, v]) => [
            k,
            valueArbitrary(isObject(v) ? v : {}, depth + 1),
          ]),
        ),
        { requiredKeys: required.filter(k => k in properties) },
      ) as fc.Arbitrary<Json>;
    }
  }
}

/** Strings no field should choke on: control characters (NUL too), long, odd. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\r\nX-Injected: 1',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%00',
    '\uFEFF',
    '\uD800',
    '{{.}}',
    '<script>x</script>',
  ),
  fc.integer({ min: 1_000, max: 20_000 }).map(n => 'x'.repeat(n)),
);

/** Numbers at and beyond the edges. */
const hostileNumber: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  -1,
  0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  2 ** 63,
  1.5,
  -0.0001,
);

/** A value of the wrong JSON type for the schema. */
function wrongType(schema: JsonObject): fc.Arbitrary<Json> {
  const type = schema.type;
  const all: Array<[string, fc.Arbitrary<Json>]> = [
    ['string', fc.string({ maxLength: 5 })],
    ['integer', fc.integer()],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true })],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 2 })],
    ['object', fc.constant({ a: 1 })],
  ];
  // Integers are numbers too: only other JSON types are wrong for either.
  const same = (name: string) =>
    type === 'number'
      ? ['number', 'integer'].includes(name)
      : name === (type ?? 'object');
  const others = all.filter(([name]) => !same(name)).map(([, arb]) => arb);
  return fc.oneof(...others, ...(schema.nullable ? [] : [fc.constant(null)]));
}

/** `[[[...]]]` or `{"a":{"a":...}}` nested `depth` deep, as raw JSON text. */
const deepJson = fc
  .tuple(fc.integer({ min: 100, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays
      ? `${'['.repeat(depth)}${']'.repeat(depth)}`
      : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** Invalid values for a schema, with what makes them so. */
function invalidValue(
  schema: JsonObject,
): fc.Arbitrary<{ kind: string; value: Json }> {
  const tag = (kind: string) => (value: Json) => ({ kind, value });
  const options = [
    wrongType(schema).map(tag('wrong-type')),
    hostileString.map(tag('hostile-string')),
  ];
  if (schema.type === 'integer' || schema.type === 'number') {
    options.push(hostileNumber.map(tag('huge-number')));
  }
  return fc.oneof(...options);
}

/** Query strings hold strings; a few more shapes than values do. */
function invalidQueryValue(
  schema: JsonObject,
): fc.Arbitrary<{ kind: string; value: string }> {
  const tag = (kind: string) => (value: string) => ({ kind, value });
  const options = [
    hostileString.map(tag('hostile-string')),
    fc
      .constantFrom('', 'abc', 'null', '[]', '1e400', 'NaN')
      .map(tag('wrong-type')),
  ];
  if (schema.type === 'integer' || schema.type === 'number') {
    options.push(
      fc
        .constantFrom(
          '-1',
          '1e308',
          '9223372036854775808',
          '1.5',
          '0x10',
          '99999999999999999999',
        )
        .map(tag('huge-number')),
    );
  }
  return fc.oneof(...options);
}

/** Percent-encodes, sending a lone surrogate as invalid UTF-8 bytes. */
const encode = (value: string): string =>
  value
    .split(/([\uD800-\uDFFF])/)
    .map(part =>
      /^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part),
    )
    .join('');

/**
 * A path parameter as a segment. `.` and `..` are dot-segments every HTTP
 * client resolves away before sending (the route itself changes, and the
 * request never names the parameter), so they go as `...`, still all dots.
 */
const encodeSegment = (value: string): string => {
  const encoded = encode(value);
  return encoded === '.' || encoded === '..' ? '...' : encoded;
};

const encodePath = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeSegment(values[name] ?? ''),
  );

const toQueryString = (value: Json): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** A request the document accepts (the router may still refuse it). */
export function validRequest(
  operation: FuzzOperation,
  examples: Record<string, readonly string[]> = {},
): fc.Arbitrary<FuzzRequest> {
  const pathParam = (p: { name: string; schema: JsonObject }) =>
    (examples[p.name]?.length
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...examples[p.name]) },
          { weight: 1, arbitrary: valueArbitrary(p.schema).map(toQueryString) },
        )
      : valueArbitrary(p.schema).map(toQueryString)
    ).filter(v => v.length > 0);
  return fc
    .record({
      params: fc.record(
        Object.fromEntries(
          operation.pathParams.map(p => [p.name, pathParam(p)]),
        ),
      ),
      query: fc.record(
        Object.fromEntries(
          operation.queryParams.map(p => [
            p.name,
            valueArbitrary(p.schema).map(toQueryString),
          ]),
        ),
        {
          requiredKeys: operation.queryParams
            .filter(p => p.required)
            .map(p => p.name),
        },
      ),
      body: operation.body
        ? valueArbitrary(operation.body)
        : fc.constant(undefined),
    })
    .map(({ params, query, body }) => ({
      method: operation.method,
      path: encodePath(operation.path, params as Record<string, string>),
      query: Object.entries(query as Record<string, string>),
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: body === undefined ? undefined : 'application/json',
    }));
}

/** Top-level body fields of an object schema. */
const bodyFields = (schema: JsonObject | undefined) =>
  schema && isObject(schema.properties) ? Object.keys(schema.properties) : [];

/**
 * A request the operation should refuse: one thing of a valid request made
 * wrong (path or query parameter, a body field's type or value, a missing
 * required or an unknown field, a malformed, deep or large body).
 */
export function invalidRequest(
  operation: FuzzOperation,
  examples: Record<string, readonly string[]> = {},
): fc.Arbitrary<FuzzRequest> {
  const valid = validRequest(operation, examples);
  const mutations: Array<fc.Arbitrary<FuzzRequest>> = [];
  for (const p of operation.pathParams) {
    mutations.push(
      fc.tuple(valid, hostileString).map(([request, value]) => ({
        ...request,
        path: encodePath(operation.path, {
          ...Object.fromEntries(operation.pathParams.map(q => [q.name, 'x'])),
          ...decodeParams(operation, request.path),
          [p.name]: value,
        }),
        invalid: { kind: 'bad-path-param', field: p.name },
      })),
    );
  }
  for (const p of operation.queryParams) {
    mutations.push(
      fc
        .tuple(valid, invalidQueryValue(p.schema), fc.boolean())
        .map(([request, { kind, value }, repeat]) => ({
          ...request,
          query: [
            ...request.query.filter(([k]) => k !== p.name),
            [p.name, value],
            ...(repeat ? ([[p.name, value]] as Array<[string, string]>) : []),
          ],
          invalid: { kind: `bad-query-${kind}`, field: p.name },
        })),
    );
  }
  mutations.push(
    fc
      .tuple(valid, fc.stringMatching(/^[a-z]{3,12}$/), hostileString)
      .filter(([, key]) => !operation.queryParams.some(p => p.name === key))
      .map(([request, key, value]) => ({
        ...request,
        query: [...request.query, [key, value] as [string, string]],
        invalid: { kind: 'unknown-query-param', field: key },
      })),
  );
  const body = operation.body;
  if (body) {
    const fields = bodyFields(body);
    const properties = isObject(body.properties) ? body.properties : {};
    const required = Array.isArray(body.required)
      ? body.required.map(String)
      : [];
    const withBody = (
      request: FuzzRequest,
      kind: string,
      change: (value: JsonObject) => JsonObject,
      field?: string,
    ): FuzzRequest => {
      const parsed = request.body ? JSON.parse(request.body) : {};
      return {
        ...request,
        body: JSON.stringify(change(isObject(parsed) ? parsed : {})),
        contentType: 'application/json',
        invalid: { kind, field },
      };
    };
    for (const field of fields) {
      const schema = isObject(properties[field])
        ? (properties[field] as JsonObject)
        : {};
      mutations.push(
        fc
          .tuple(valid, invalidValue(schema))
          .map(([request, { kind, value }]) =>
            withBody(
              request,
              `body-${kind}`,
              v => ({ ...v, [field]: value }),
              field,
            ),
          ),
      );
    }
    for (const field of required) {
      mutations.push(
        valid.map(request =>
          withBody(
            request,
            'missing-field',
            ({ [field]: _dropped, ...rest }) => rest,
            field,
          ),
        ),
      );
    }
    mutations.push(
      fc
        .tuple(
          valid,
          fc.stringMatching(/^[a-z]{3,12}$/),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .filter(([, key]) => !fields.includes(key))
        .map(([request, key, value]) =>
          withBody(
            request,
            'unknown-field',
            v => ({ ...v, [key]: value as Json }),
            key,
          ),
        ),
      fc
        .tuple(valid, wrongType({ type: 'object' }))
        .map(([request, value]) => ({
          ...request,
          body: JSON.stringify(value),
          contentType: 'application/json',
          invalid: { kind: 'body-not-object' },
        })),
    );
  }
  // Whether or not the operation takes a body, a hostile one must not hurt.
  mutations.push(
    fc.tuple(valid, deepJson).map(([request, text]) => ({
      ...request,
      body: text,
      contentType: 'application/json',
      invalid: { kind: 'deep-nesting' },
    })),
    fc
      .tuple(
        valid,
        fc.constantFrom(
          '{"a":',
          '{a:1}',
          '\u0000',
          '[1,]',
          '"\\ud800"',
          'null',
        ),
      )
      .map(([request, text]) => ({
        ...request,
        body: text,
        contentType: 'application/json',
        invalid: { kind: 'malformed-json' },
      })),
    fc
      .tuple(valid, fc.integer({ min: 200_000, max: 1_200_000 }))
      .map(([request, size]) => ({
        ...request,
        body: JSON.stringify({ padding: 'x'.repeat(size) }),
        contentType: 'application/json',
        invalid: { kind: 'large-body' },
      })),
  );
  return fc.oneof(...mutations);
}

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** The path parameter values a filled-in path holds. */
function decodeParams(
  operation: FuzzOperation,
  filled: string,
): Record<string, string> {
  const names: string[] = [];
  // Built from the document's path template, not from input.
  // eslint-disable-next-line security/detect-non-literal-regexp
  const pattern = new RegExp(
    `^${operation.path
      .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]*)';
      })}$`,
  );
  const match = pattern.exec(filled);
  return Object.fromEntries(
    names.map((name, i) => [name, safeDecode(match?.[i + 1] ?? 'x')]),
  );
}

/** Valid and invalid requests of an operation, half and half. */
export function requestArbitrary(
  operation: FuzzOperation,
  examples: Record<string, readonly string[]> = {},
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    validRequest(operation, examples),
    invalidRequest(operation, examples),
  );
}
