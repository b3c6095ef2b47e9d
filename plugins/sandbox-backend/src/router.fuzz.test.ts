import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  fuzzRoutes,
  type FuzzStats,
  readOpenApiDocument,
  reportFuzzStats,
} from '@vigil/openapi-contract';
import { ALICE, startBackend } from './__testUtils__/backend';
import { ADMIN_TOKEN, startStandIn } from './__testUtils__/standIn';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as a
 * user, a service and nobody: never a 5xx, a stack trace or SQL, every 4xx
 * says what is wrong. VIGIL_FUZZ_RUNS and VIGIL_FUZZ_SEED go deeper/replay.
 */
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const stats: Record<string, FuzzStats> = {};
afterAll(() => reportFuzzStats('sandbox', stats));

describe('the sandbox API under fuzzing', () => {
  it('answers every route sanely', async () => {
    const standIn = await startStandIn();
    try {
      const { server } = await startBackend({
        pluginsUrl: standIn.url,
        sandbox: { serviceUrl: standIn.url, adminToken: ADMIN_TOKEN },
      });
      const { port } = server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/sandbox`,
        principals: {
          user: mockCredentials.user.header(ALICE),
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: { name: ['checkout', 'inventory'] },
        health: { path: '/services', principal: 'user' },
      });
      stats.sandbox = run;
      expect(failures).toEqual([]);
    } finally {
      await standIn.close();
    }
  }, 120_000);
});
