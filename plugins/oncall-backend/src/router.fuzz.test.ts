import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  fuzzRoutes,
  FuzzStats,
  readOpenApiDocument,
  reportFuzzStats,
} from '@vigil/openapi-contract';
import { testBackends } from './__testUtils__/backend';
import { ALICE } from './__testUtils__/catalog';
import { sreSchedule } from './__testUtils__/requests';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as a
 * user, a service and nobody: never a 5xx, a stack trace or SQL, every 4xx
 * says what is wrong. VIGIL_FUZZ_RUNS and VIGIL_FUZZ_SEED go deeper/replay.
 */
const { startBackend, databases } = testBackends();
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const stats: Record<string, FuzzStats> = {};
afterAll(() => reportFuzzStats('oncall', stats));

describe('the oncall API under fuzzing', () => {
  it.each(databases.eachSupportedId())(
    'answers every route sanely on %s',
    async databaseId => {
      const { server, as } = await startBackend({ databaseId });
      // A real schedule, so some requests reach a row and not only 404.
      const created = await as(ALICE).post('/schedules').send(sreSchedule());
      expect(created.status).toBe(201);
      const { port } = server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/oncall`,
        principals: {
          user: mockCredentials.user.header('user:default/alice'),
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: { id: [created.body.id] },
        health: { path: '/schedules', principal: 'user' },
      });
      stats[databaseId] = run;
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
