import {
  clarifyValidationMessage,
  keepRawQuery,
  rawQuery,
} from './openApiMessages';

// The parts of a plugin's openapi.yaml (slo-backend's) the messages read.
const text = (maxLength: number) => ({
  type: 'string',
  minLength: 1,
  maxLength,
  pattern: '^[^\\x00]*$',
});
const spec = {
  components: {
    schemas: { Text100: text(100), Text200: text(200), Text255: text(255) },
    parameters: {
      Limit: {
        name: 'limit',
        in: 'query',
        schema: { type: 'integer', minimum: 1, maximum: 500 },
      },
    },
  },
};
const list = {
  parameters: [
    {
      name: 'owner',
      in: 'query',
      schema: { $ref: '#/components/schemas/Text200' },
    },
    {
      name: 'system',
      in: 'query',
      schema: { $ref: '#/components/schemas/Text200' },
    },
    {
      name: 'lifecycle',
      in: 'query',
      schema: { $ref: '#/components/schemas/Text100' },
    },
    {
      name: 'status',
      in: 'query',
      schema: {
        type: 'string',
        enum: ['ok', 'warning', 'breaching', 'no-data'],
      },
    },
    {
      name: 'q',
      in: 'query',
      schema: { $ref: '#/components/schemas/Text200' },
    },
    {
      name: 'order',
      in: 'query',
      schema: { type: 'string', enum: ['asc', 'desc'] },
    },
    { $ref: '#/components/parameters/Limit' },
    { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
  ],
};
const entity = {
  parameters: ['kind', 'namespace', 'name'].map(name => ({
    name,
    in: 'path',
    schema: { $ref: '#/components/schemas/Text255' },
  })),
};
const create = {
  requestBody: {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['title', 'severity'],
          additionalProperties: false,
          properties: {
            title: { $ref: '#/components/schemas/Text200' },
            severity: { type: 'string', enum: ['SEV1', 'SEV2', null] },
            links: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                properties: { url: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
};

describe('clarifyValidationMessage', () => {
  it.each([
    [
      'request/query/limit must be <= 500',
      list,
      'Invalid query: limit: must be an integer from 1 to 500',
    ],
    [
      'request/query/status must be equal to one of the allowed values: ok, warning, breaching, no-data',
      list,
      'Invalid query: status: must be one of ok, warning, breaching, no-data',
    ],
    [
      'request/query/q must NOT have more than 200 characters',
      list,
      'Invalid query: q: must be text of 1 to 200 characters without NUL characters',
    ],
    [
      'request/query/q must match pattern "^[^\\x00]*$"',
      list,
      'Invalid query: q: must not contain NUL characters',
    ],
    [
      "Unknown query parameter 'colour'",
      list,
      'Invalid query: colour: unknown parameter; allowed: owner, system, lifecycle, status, q, order, limit, offset',
    ],
    [
      "Unknown query parameter 'colour'",
      entity,
      'Invalid query: colour: unknown parameter; allowed: none',
    ],
    ["malformed uri'", entity, 'Invalid path: not valid percent-encoded UTF-8'],
    [
      'request/params/name must match pattern "^[^\\x00]*$"',
      entity,
      'Invalid path: name: must not contain NUL characters',
    ],
    [
      'Invalid query: from is after to',
      list,
      'Invalid query: from is after to',
    ],
  ])('%s', (message, operation, expected) => {
    expect(clarifyValidationMessage(message, operation, spec)).toBe(expected);
  });

  it.each([
    [
      "request/body must have required property 'title', request/body/severity must be equal to one of the allowed values: SEV1, SEV2",
      { severity: 'SEV9' },
      'Invalid body: title: is required; severity: must be one of SEV1, SEV2',
    ],
    [
      'request/body must NOT have additional properties, request/body/links/0 must NOT have additional properties',
      {
        title: 'x',
        severity: 'SEV1',
        colour: 'red',
        links: [{ url: 'u', x: 1 }],
      },
      'Invalid body: colour: unknown field; allowed: title, severity, links; links[0].x: unknown field; allowed: url',
    ],
    [
      'request/body/title must match pattern "^[^\\x00]*$"',
      { title: 'a\u0000' },
      'Invalid body: title: must not contain NUL characters',
    ],
  ])('%s', (message, body, expected) => {
    expect(clarifyValidationMessage(message, create, spec, body)).toBe(
      expected,
    );
  });
});

describe('keepRawQuery', () => {
  it('keeps a copy of the query as sent', () => {
    const req = { query: { limit: '1e2' } as Record<string, unknown> };
    const next = jest.fn();
    keepRawQuery(req, {}, next);
    req.query.limit = 100;
    expect(next).toHaveBeenCalled();
    expect(rawQuery(req)).toEqual({ limit: '1e2' });
    expect(rawQuery({})).toEqual({});
  });
});
