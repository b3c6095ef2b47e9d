import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  fuzzRoutes,
  FuzzStats,
  readOpenApiDocument,
  reportFuzzStats,
} from '@vigil/openapi-contract';
import {
  ADMIN,
  ALICE,
  sdkPayload,
  testBackends,
} from './__testUtils__/backend';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as a
 * portal admin, another user, another backend and nobody (the collector's
 * browsers): never a 5xx, a stack trace or SQL, every 4xx says what is
 * wrong. VIGIL_FUZZ_RUNS and VIGIL_FUZZ_SEED go deeper/replay.
 */
const { startBackend, databases } = testBackends();
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const stats: Record<string, FuzzStats> = {};
afterAll(() => reportFuzzStats('rum', stats));

describe('the RUM API under fuzzing', () => {
  it.each(databases.eachSupportedId())(
    'answers every route sanely on %s',
    async databaseId => {
      const { server, browser } = await startBackend({ databaseId });
      expect((await browser().send(sdkPayload('faro-sdk-2'))).status).toBe(202);
      const { port } = server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/rum`,
        principals: {
          admin: mockCredentials.user.header(ADMIN),
          user: mockCredentials.user.header(ALICE),
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: { fingerprint: ['0123456789abcdef'] },
        health: { path: '/usage', principal: 'user' },
      });
      stats[databaseId] = run;
      expect(failures).toEqual([]);
    },
    180_000,
  );
});
