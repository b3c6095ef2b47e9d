/* eslint jest/no-standalone-expect: ["error", { "additionalTestBlockFunctions": ["itOnPostgres", "itOnPostgres.each"] }] -- itOnPostgres is it, or it.skip without the test command's PostgreSQL */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ALICE,
  expectConforms,
  startLogsBackend,
  ZOE,
} from './__testUtils__/backend';
import {
  insertLines,
  MINUTE,
  onPostgres,
  postgresDatabases,
} from './__testUtils__/database';

const databases = postgresDatabases();
const itOnPostgres = onPostgres(databases);
const sqlite = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });

const SCORING = '/entities/component/default/scoring-api';

describe('the logs API on PostgreSQL', () => {
  itOnPostgres('searches an entity readable by the caller', async () => {
    const backend = await startLogsBackend(databases, 'POSTGRES_15');
    const now = Date.now();
    await insertLines(backend.knex, [
      {
        ts: new Date(now - 4 * MINUTE),
        level: 'warn',
        message: 'slow request',
        request_id: 'r-1',
      },
      {
        ts: new Date(now - 3 * MINUTE),
        message: 'request completed',
        request_id: 'r-2',
      },
      {
        ts: new Date(now - 3 * MINUTE),
        service: 'vigil',
        level: 'error',
        message: 'portal error',
      },
    ]);

    const res = await backend.as(ALICE)(`${SCORING}/lines?q=slow&level=warn`);
    expect(res.status).toBe(200);
    expectConforms('GET /entities/{kind}/{namespace}/{name}/lines', res);
    expect(res.body.service).toBe('scoring-api');
    expect(res.body.items.map((l: any) => l.requestId)).toEqual(['r-1']);

    // vigil.dev/log-service maps the portal entity to service `vigil`.
    const portal = await backend.service(
      '/entities/component/default/portal/lines',
    );
    expect(portal.body.items.map((l: any) => l.message)).toEqual([
      'portal error',
    ]);

    const tail = await backend.as(ALICE)(`${SCORING}/tail`);
    expect(tail.status).toBe(200);
    expect(tail.headers['cache-control']).toBe('no-store');
    expectConforms('GET /entities/{kind}/{namespace}/{name}/tail', tail);
    expect(tail.body.items.map((l: any) => l.message)).toEqual([
      'slow request',
      'request completed',
    ]);
  });

  itOnPostgres(
    'answers 404 for an entity the caller may not read, 401 without a token',
    async () => {
      const backend = await startLogsBackend(databases, 'POSTGRES_15');
      const hidden = await backend.as(ZOE)(`${SCORING}/lines`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/scoring-api in the catalog',
      );
      expect((await backend.as(ZOE)(`${SCORING}/tail`)).status).toBe(404);
      expect(
        (await backend.as(ZOE)('/entities/component/default/other/lines'))
          .status,
      ).toBe(200);
      expect(
        (await backend.as(ALICE)('/entities/component/default/missing/lines'))
          .status,
      ).toBe(404);
      expect((await backend.anonymous(`${SCORING}/lines`)).status).toBe(401);
    },
  );

  itOnPostgres.each([
    ['?limit=0', /limit/],
    ['?limit=501', /limit/],
    ['?level=verbose', /level/],
    [
      '?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z',
      /to: must be after from/,
    ],
    ['?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z', /31 days/],
    ['?from=2026-10-01T00:00:00Z', /31 days/],
    ['?requestId=a%20b', /requestId/],
    ['?cursor=bm90LWpzb24', /cursor/],
    ['?colour=blue', /colour/],
  ])('answers 400 for %s', async (query, message) => {
    const backend = await startLogsBackend(databases, 'POSTGRES_15');
    const res = await backend.as(ALICE)(`${SCORING}/lines${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(/select|stack/i);
  });
});

describe('the logs API on SQLite', () => {
  it('starts and answers 503 saying PostgreSQL is needed', async () => {
    const backend = await startLogsBackend(sqlite, 'SQLITE_3');
    const res = await backend.as(ALICE)(`${SCORING}/lines`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/needs PostgreSQL/);
    expectConforms('GET /entities/{kind}/{namespace}/{name}/lines', res);
  });
});
