import fc from 'fast-check';
import { fuzzOperations, invalidRequest, validRequest } from './arbitraries';
import { fuzzProblems } from './fuzzRoutes';
import type { JsonObject } from '../index';

const document: JsonObject = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  components: {
    schemas: {
      Item: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 10 },
          count: { type: 'integer', minimum: 0, maximum: 5 },
        },
      },
    },
  },
  paths: {
    '/items/{id}': {
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^[a-z]{1,8}$' },
        },
      ],
      put: {
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 9 },
          },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Item' },
            },
          },
        },
        responses: {},
      },
    },
  },
};

describe('fuzz arbitraries', () => {
  const [operation] = fuzzOperations(document);

  it('reads operations with their parameters and resolved body', () => {
    expect(operation).toMatchObject({
      method: 'put',
      path: '/items/{id}',
      pathParams: [{ name: 'id' }],
      queryParams: [{ name: 'limit', required: false }],
      body: { required: ['title'] },
    });
  });

  it('makes requests the document accepts', () => {
    fc.assert(
      fc.property(validRequest(operation), request => {
        expect(request.path).toMatch(/^\/items\/[a-z]{1,8}$/);
        const body = JSON.parse(request.body!);
        expect(body.title.length).toBeGreaterThanOrEqual(1);
        expect(body.title.length).toBeLessThanOrEqual(10);
        expect(body.count ?? 0).toBeLessThanOrEqual(5);
        for (const [, value] of request.query) {
          expect(Number(value)).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: 42 },
    );
  });

  it('makes every kind of invalid request, each saying what it broke', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(invalidRequest(operation), request => {
        expect(request.invalid).toBeDefined();
        kinds.add(request.invalid!.kind.replace(/-(string|number|type)$/, ''));
      }),
      { seed: 42, numRuns: 400 },
    );
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'bad-path-param',
        'bad-query-hostile',
        'body-wrong',
        'missing-field',
        'unknown-field',
        'unknown-query-param',
        'deep-nesting',
        'large-body',
        'malformed-json',
        'body-not-object',
      ]),
    );
  });
});

describe('fuzzProblems', () => {
  const invalid = {
    method: 'put',
    path: '/items/x',
    query: [],
    invalid: { kind: 'body-wrong-type', field: 'count' },
  };
  it.each([
    [{ status: 500, text: '{"error":{"message":"x"}}' }, ['status 500']],
    [
      {
        status: 400,
        text: '{"error":{"message":"boom"},"stack":"Error\\n    at f (/work/x.ts:1:1)"}',
      },
      [
        'response has a stack frame',
        'response has a server path',
        '400 does not name count (nor any other field): boom',
      ],
    ],
    [
      { status: 400, text: '{"error":{"message":"count: SQLITE_CONSTRAINT"}}' },
      ['response has a SQL'],
    ],
    [{ status: 404, text: '{}' }, ['404 without an error message']],
    [
      {
        status: 400,
        text: '{"error":{"message":"Invalid body: count: must be an integer"}}',
      },
      [],
    ],
    [{ status: 431, text: '' }, []],
    [{ status: 200, text: '{"items":[]}' }, []],
  ])('%j', (response, problems) => {
    expect(
      fuzzProblems(invalid, { ...response, ms: 1 }, ['count', 'title']),
    ).toEqual(problems);
  });
});
