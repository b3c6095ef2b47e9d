import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import {
  revealsServerDetails,
  rootErrorBody,
  sanitizeErrorResponseBody,
} from './rootErrorHandler';

describe('revealsServerDetails', () => {
  it.each([
    ['Missing credentials', false],
    ['Invalid query: limit must be a number', false],
    ['Entity not found: component:default/x', false],
    ['Error: boom\n    at Object.<anonymous> (/srv/app/index.js:1:1)', true],
    ['insert into "incidents" ("id") values ($1) - duplicate key', true],
    ['select * from "final_entities" where x = 1', true],
    ['SQLITE_CONSTRAINT: UNIQUE constraint failed', true],
    ['null value in column "x" violates not-null constraint', true],
    [
      "ENOENT: no such file or directory, open '/srv/data/site/index.html'",
      true,
    ],
    ['failed at /home/u/vigil/packages/backend/src/index.ts:12:3', true],
    ['under the root /opt/vigil somewhere', true],
  ])('%j -> %s', (message, expected) => {
    expect(revealsServerDetails(message, ['/opt/vigil'])).toBe(expected);
  });
});

describe('rootErrorBody', () => {
  const request = { method: 'GET', url: '/api/catalog/entities?token=abc' };
  const reference = () => 'req-1';

  it.each([
    [new InputError('limit must be a number'), 400, 'limit must be a number'],
    [
      new AuthenticationError('Missing credentials'),
      401,
      'Missing credentials',
    ],
    [new NotFoundError('No such entity'), 404, 'No such entity'],
  ])(
    'a client error keeps its status and message: %s',
    (error, status, message) => {
      const logger = mockServices.logger.mock();
      const result = rootErrorBody(error, request, { logger, reference });
      expect(result).toEqual({
        status,
        body: {
          error: { name: error.name, message },
          request: { method: 'GET', url: '/api/catalog/entities' },
          response: { statusCode: status },
        },
      });
      expect(JSON.stringify(result.body)).not.toMatch(/\bat |stack/);
    },
  );

  it.each([
    [
      'a database error',
      Object.assign(new Error('select * from "x" - SQLITE_ERROR'), {
        name: 'SqliteError',
      }),
      500,
    ],
    [
      'a bug',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      500,
    ],
    ['a thrown string', 'boom', 500],
    [
      'a 4xx naming a server file',
      new NotFoundError("ENOENT: open '/srv/x/site.json'"),
      404,
    ],
  ])(
    '%s answers a generic message and a request id, detail in the log',
    (_what, error, status) => {
      const logger = mockServices.logger.mock();
      const result = rootErrorBody(error, request, { logger, reference });
      expect(result.status).toBe(status);
      expect(result.body.error.message).toMatch(/\(request id req-1\)$/);
      const text = JSON.stringify(result.body);
      expect(text).not.toMatch(/select|SQLITE|\/srv|TypeError|boom| at /);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('request id req-1'),
        expect.anything(),
      );
    },
  );
});

describe('sanitizeErrorResponseBody', () => {
  const request = { method: 'POST', url: '/api/catalog/locations' };
  const reference = () => 'req-2';
  const stack = 'InputError: x\n    at /work/main/node_modules/a.js:1:1';

  it.each([
    ['not an error body', { items: [] }, 200, { items: [] }],
    [
      'a safe 4xx',
      {
        error: { name: 'InputError', message: 'bad' },
        request,
        response: { statusCode: 400 },
      },
      400,
      'unchanged',
    ],
    [
      'a generic 5xx of createErrorResponder',
      {
        error: {
          name: 'Error',
          message:
            'The x could not complete the request; the cause is in its log (reference 0b0f4c1e-8d8f-4c6e-9f5e-2a1f3f0e9c11)',
        },
        request,
        response: { statusCode: 500 },
      },
      500,
      'unchanged',
    ],
  ])('%s stays as it is', (_what, body, status, expected) => {
    const logger = mockServices.logger.mock();
    const result = sanitizeErrorResponseBody(body, status, request, {
      logger,
      reference,
    });
    expect(result).toEqual(expected === 'unchanged' ? body : expected);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('a 4xx loses its stack and cause, keeps its message', () => {
    const logger = mockServices.logger.mock();
    const body = {
      error: {
        name: 'InputError',
        message: 'Unexpected end of JSON input',
        stack,
        cause: { name: 'SyntaxError' },
      },
      request: { method: 'POST', url: '/locations' },
      response: { statusCode: 400 },
    };
    expect(
      sanitizeErrorResponseBody(body, 400, request, { logger, reference }),
    ).toEqual({
      error: { name: 'InputError', message: 'Unexpected end of JSON input' },
      request,
      response: { statusCode: 400 },
    });
  });

  it('a 500 with SQL says a generic message, the SQL goes to the log', () => {
    const logger = mockServices.logger.mock();
    const body = {
      error: {
        name: 'SqliteError',
        message: 'select a from b - no such table: b',
        code: 'SQLITE_ERROR',
        stack,
      },
      request,
      response: { statusCode: 500 },
    };
    const result = sanitizeErrorResponseBody(body, 500, request, {
      logger,
      reference,
    });
    expect(result).toEqual({
      error: {
        name: 'Error',
        message:
          'An internal error occurred; the cause is in the server log (request id req-2)',
      },
      request,
      response: { statusCode: 500 },
    });
    const logged = (logger.error as jest.Mock).mock.calls[0];
    expect(logged[0]).toContain('request id req-2');
    expect(logged[1].message).toContain('select a from b');
  });
});
