import { InputError, NotFoundError } from '@backstage/errors';
import { createErrorResponder, errorStatus } from './errorResponses';

describe('errorStatus', () => {
  it.each([
    [{ name: 'InputError' }, 400],
    [{ name: 'AuthenticationError' }, 401],
    [{ name: 'NotAllowedError' }, 403],
    [{ name: 'NotFoundError' }, 404],
    [{ name: 'ConflictError' }, 409],
    [{ name: 'Error' }, 500],
    [{ name: 'InputError', status: 413 }, 413],
    [{ name: 'Error', statusCode: 422, status: 400 }, 422],
    [{ name: 'Error', status: 200 }, 500],
    [{ name: 'Error', status: 404.5 }, 500],
    [{ name: 'NotFoundError', status: '400' }, 404],
  ])('%j → %i', (error, status) => {
    expect(errorStatus(error)).toBe(status);
  });
});

describe('createErrorResponder', () => {
  const setup = () => {
    const logger = { error: jest.fn() };
    const responder = createErrorResponder({
      serviceName: 'test backend',
      logger: logger as never,
      spec: {},
    });
    const res = {
      headersSent: false,
      statusCode: 0,
      body: undefined as any,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(body: unknown) {
        this.body = body;
        return this;
      },
    };
    const req = { method: 'POST', originalUrl: '/api/test/things?x=1' };
    return { logger, responder, res, req };
  };

  it('answers a client error with its name and message', () => {
    const { responder, res, req } = setup();
    responder.send(new NotFoundError('No thing t1'), req, res);
    expect(res.statusCode).toBe(404);
    expect(res.body).toEqual({
      error: { name: 'NotFoundError', message: 'No thing t1' },
      request: { method: 'POST', url: '/api/test/things?x=1' },
      response: { statusCode: 404 },
    });
  });

  it('answers malformed and too large JSON bodies as an InputError', () => {
    const { responder, res, req } = setup();
    const malformed = Object.assign(new SyntaxError('Unexpected token'), {
      type: 'entity.parse.failed',
      status: 400,
    });
    responder.send(malformed, req, res);
    expect([res.statusCode, res.body.error]).toEqual([
      400,
      {
        name: 'InputError',
        message: 'Request body is not valid JSON: Unexpected token',
      },
    ]);
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
    });
    responder.send(tooLarge, req, res);
    expect([res.statusCode, res.body.error]).toEqual([
      413,
      {
        name: 'InputError',
        message: 'Request body is too large: request entity too large',
      },
    ]);
  });

  it('names every 400 an InputError', () => {
    const { responder, res, req } = setup();
    const error = Object.assign(new Error('Bad'), { status: 400 });
    responder.send(error, req, res);
    expect(res.body.error).toEqual({ name: 'InputError', message: 'Bad' });
    responder.send(new InputError('Invalid body: x: is required'), req, res);
    expect(res.body.error.message).toBe('Invalid body: x: is required');
  });

  it('logs an unexpected error and answers without its details', () => {
    const { logger, responder, res, req } = setup();
    const error = new Error('insert into "things" - duplicate key');
    responder.send(error, req, res);
    expect(res.statusCode).toBe(500);
    expect(res.body.error.name).toBe('Error');
    expect(res.body.error.message).toMatch(
      /^The test backend could not complete the request; the cause is in its log \(reference [0-9a-f-]{36}\)$/,
    );
    expect(res.body.error.message).not.toContain('insert');
    const reference = /reference ([0-9a-f-]{36})/.exec(
      res.body.error.message,
    )![1];
    expect(logger.error).toHaveBeenCalledWith(
      `POST /api/test/things?x=1 failed (reference ${reference}): ${error.message}`,
      error,
    );
  });

  it('as middleware, leaves a response already sent to the next handler', () => {
    const { responder, res, req } = setup();
    const next = jest.fn();
    const error = new NotFoundError('gone');
    responder.middleware(error, req, { ...res, headersSent: true }, next);
    expect(next).toHaveBeenCalledWith(error);
    responder.middleware(error, req, res, next);
    expect(next).toHaveBeenCalledTimes(1);
    expect(res.statusCode).toBe(404);
  });
});
