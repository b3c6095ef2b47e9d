/* eslint jest/no-standalone-expect: ["error", { "additionalTestBlockFunctions": ["itOnPostgres"] }] -- itOnPostgres is it, or it.skip without the test command's PostgreSQL */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  fuzzRoutes,
  FuzzStats,
  readOpenApiDocument,
  reportFuzzStats,
} from '@vigil/openapi-contract';
import { ALICE, startLogsBackend, ZOE } from './__testUtils__/backend';
import {
  insertLines,
  onPostgres,
  postgresDatabases,
} from './__testUtils__/database';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as a
 * user, a user who may not read the entity, another backend and nobody:
 * never a 5xx, a stack trace or SQL, every 4xx says what is wrong.
 * VIGIL_FUZZ_RUNS and VIGIL_FUZZ_SEED go deeper/replay.
 */
const databases = postgresDatabases();
const itOnPostgres = onPostgres(databases);
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const stats: Record<string, FuzzStats> = {};
afterAll(() => reportFuzzStats('logs', stats));

describe('the logs API under fuzzing', () => {
  itOnPostgres(
    'answers every route sanely on POSTGRES_15',
    async () => {
      const backend = await startLogsBackend(databases, 'POSTGRES_15');
      await insertLines(backend.knex, [
        { ts: new Date(), message: 'request completed', request_id: 'r-1' },
      ]);
      const { port } = backend.server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/logs`,
        principals: {
          user: mockCredentials.user.header(ALICE),
          hidden: mockCredentials.user.header(ZOE),
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: {
          kind: ['component'],
          namespace: ['default'],
          name: ['scoring-api', 'portal'],
          requestId: ['r-1'],
        },
        health: {
          path: '/entities/component/default/scoring-api/lines',
          principal: 'user',
        },
      });
      stats.POSTGRES_15 = run;
      expect(failures).toEqual([]);
    },
    180_000,
  );
});
