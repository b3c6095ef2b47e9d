import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { createServer } from 'node:net';
import request from 'supertest';
import {
  isAlertmanagerWebhook,
  rootHttpRouterServiceFactory,
  startingUp,
} from './rootHttpRouter';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(typeof address === 'object' && address ? address.port : 0),
      );
    });
  });
}

/**
 * A plugin whose routes fail as real code does: a query on its real
 * database that the database refuses (the driver's message carries the
 * SQL), a bug, and the Alertmanager webhook's path (plugin id incidents).
 */
const failingPlugin = createBackendPlugin({
  pluginId: 'incidents',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
      },
      async init({ httpRouter, database }) {
        const knex = await database.getClient();
        httpRouter.addAuthPolicy({
          path: '/alertmanager/webhook',
          allow: 'unauthenticated',
        });
        httpRouter.use((req, res, next) => {
          if (req.path === '/sql') {
            knex
              .raw('select secret_column from no_such_table where id = 1')
              .then(() => res.json({}))
              .catch(next);
          } else if (req.path === '/bug') {
            next(
              new TypeError(
                "Cannot read properties of undefined (reading 'x')",
              ),
            );
          } else if (/^\/alertmanager\/webhook\/?$/i.test(req.path)) {
            res.status(202).json({});
          } else {
            next();
          }
        });
      },
    });
  },
});

// Assertions on every error body: what it must never carry.
function expectNoServerDetails(body: unknown) {
  const text = JSON.stringify(body ?? '');
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|\n\s+at /);
  expect(text).not.toMatch(/"stack"/);
  expect(text).not.toMatch(/\/(?:work|home|srv|usr|tmp)\//);
  expect(text).not.toMatch(/\.[cm]?[jt]s:\d+/);
  expect(text).not.toMatch(/select|no_such_table|SQLITE/i);
}

const GENERIC =
  /^An internal error occurred; the cause is in the server log \(request id [0-9a-f-]{36}\)$/;

describe('the root HTTP router', () => {
  const nodeEnv = process.env.NODE_ENV;
  let base: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // As `backstage-cli package start` runs it: development, where
    // Backstage's default error handler shows stack traces.
    process.env.NODE_ENV = 'development';
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The real backend (createBackend) with this router; mock credentials.
    const backend = createBackend();
    backend.add(rootHttpRouterServiceFactory);
    backend.add(mockServices.rootLogger.factory());
    backend.add(mockServices.auth.factory());
    backend.add(
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    );
    backend.add(mockServices.userInfo.factory());
    backend.add(catalogPlugin);
    backend.add(failingPlugin);
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: base,
            listen: { host: '127.0.0.1', port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
            rateLimit: {
              window: { minutes: 1 },
              incomingRequestLimit: 30,
              ipAllowList: [],
              plugin: {
                'alertmanager-webhook': {
                  window: { minutes: 1 },
                  incomingRequestLimit: 60,
                  ipAllowList: [],
                },
              },
            },
          },
        },
      }),
    );
    await backend.start();
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    process.env.NODE_ENV = nodeEnv;
  });

  it.each([
    [
      'an unauthenticated read',
      'get',
      '/api/catalog/entities',
      false,
      401,
      /^Missing credentials$/,
    ],
    [
      'a bad query',
      'get',
      '/api/catalog/entities?limit=-5&fields=%00',
      true,
      400,
      /\S/,
    ],
    [
      'a missing entity',
      'get',
      '/api/catalog/entities/by-name/component/default/nope',
      true,
      404,
      /\S/,
    ],
    ['an unknown path', 'get', '/api/no-such-plugin/x', true, 404, /^$/],
    ['a bad JSON body', 'post', '/api/catalog/locations', true, 400, /\S/],
    [
      'SQL the database refuses',
      'get',
      '/api/incidents/sql',
      true,
      500,
      GENERIC,
    ],
    ['a bug', 'get', '/api/incidents/bug', true, 500, GENERIC],
  ] as const)(
    '%s: its status, without a stack, SQL or a server path',
    async (_what, method, path, signedIn, status, message) => {
      let call = request(base)[method](path);
      if (signedIn)
        call = call.set('authorization', mockCredentials.user.header());
      if (method === 'post')
        call = call.set('content-type', 'application/json').send('{"type": ');
      const res = await call;
      expect(res.status).toBe(status);
      expectNoServerDetails(res.body);
      expectNoServerDetails(res.text);
      expect(res.body?.error?.message ?? '').toMatch(message);
    },
  );

  it('limits users with a 429 and Retry-After, but not the webhook or health probes', async () => {
    let last = await request(base).get('/api/catalog/entities');
    for (let i = 0; i < 40 && last.status !== 429; i++) {
      last = await request(base).get('/api/catalog/entities');
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expectNoServerDetails(last.body);
    // The webhook's own bucket, in any spelling Express routes.
    for (const path of [
      '/api/incidents/alertmanager/webhook',
      '/api/incidents/Alertmanager/Webhook/',
    ]) {
      const webhook = await request(base).post(path).send({});
      expect(webhook.status).toBe(202);
      expect(webhook.headers['x-ratelimit-limit']).toBe('60');
    }
    const health = await request(base).get('/.backstage/health/v1/liveness');
    expect(health.status).toBe(200);
  });
});

describe('isAlertmanagerWebhook', () => {
  it.each([
    ['/api/incidents/alertmanager/webhook', true],
    ['/api/incidents/alertmanager/webhook/', true],
    ['/API/Incidents/Alertmanager/Webhook', true],
    ['/api/incidents/alertmanager/webhook/x', false],
    ['/api/incidents/incidents', false],
    ['/api/other/alertmanager/webhook', false],
  ])('%s -> %s', (path, expected) => {
    expect(isAlertmanagerWebhook(path)).toBe(expected);
  });
});

describe('startingUp', () => {
  function answer(handler: ReturnType<typeof startingUp>, path: string) {
    const res = {
      statusCode: 200,
      headers: {} as Record<string, string>,
      body: undefined as unknown,
      setHeader(name: string, value: string) {
        this.headers[name] = value;
      },
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(body: unknown) {
        this.body = body;
        return this;
      },
    };
    const next = jest.fn();
    handler({ path, method: 'POST', url: path } as any, res as any, next);
    return { res, next };
  }

  it('answers 503 with Retry-After for an unmounted /api/ route until the backend started', () => {
    let hook: () => void = () => {};
    const handler = startingUp({
      addStartupHook: fn => {
        hook = fn as () => void;
      },
    });
    const starting = answer(handler, '/api/incidents/alertmanager/webhook');
    expect(starting.next).not.toHaveBeenCalled();
    expect(starting.res.statusCode).toBe(503);
    expect(starting.res.headers['retry-after']).toBe('1');
    expect(starting.res.body).toMatchObject({
      error: { name: 'ServiceUnavailableError' },
    });
    // Not an API path: the usual 404 even while starting.
    expect(answer(handler, '/favicon.ico').next).toHaveBeenCalled();
    hook();
    const started = answer(handler, '/api/incidents/alertmanager/webhook');
    expect(started.next).toHaveBeenCalled();
    expect(started.res.statusCode).toBe(200);
  });
});
