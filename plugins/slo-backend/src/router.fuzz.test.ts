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
afterAll(() => reportFuzzStats('slo', stats));

describe('the SLO API under fuzzing', () => {
  it.each(databases.eachSupportedId())(
    'answers every route sanely on %s',
    async databaseId => {
      const { server, alice } = await startBackend({ databaseId });
      await alice.post('/refresh');
      const { port } = server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/slo`,
        principals: {
          user: mockCredentials.user.header('user:default/alice'),
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: {
          sloId: ['checkout-availability'],
          kind: ['component'],
          namespace: ['default'],
          name: ['checkout'],
        },
        health: { path: '/slos', principal: 'user' },
      });
      stats[databaseId] = run;
      expect(failures).toEqual([]);
    },
    120_000,
  );
});
