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
  deployBody,
  DEPLOY_TOKEN,
  testBackends,
} from './__testUtils__/backend';
import { ALICE, CAROL, SCORING_API } from './__testUtils__/catalog';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as an
 * owner, another user, the deploy token, another backend and nobody: never
 * a 5xx, a stack trace or SQL, every 4xx says what is wrong.
 * VIGIL_FUZZ_RUNS and VIGIL_FUZZ_SEED go deeper/replay.
 */
const { startBackend, databases } = testBackends();
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const stats: Record<string, FuzzStats> = {};
afterAll(() => reportFuzzStats('deployments', stats));

describe('the deployments API under fuzzing', () => {
  it.each(databases.eachSupportedId())(
    'answers every route sanely on %s',
    async databaseId => {
      const { server, deployToken } = await startBackend({ databaseId });
      // A real record, so some requests reach a row and not only 404.
      const created = await deployToken.post('/deployments').send(deployBody());
      expect(created.status).toBe(201);
      const { port } = server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/deployments`,
        principals: {
          owner: mockCredentials.user.header(CAROL),
          user: mockCredentials.user.header(ALICE),
          deployToken: `Bearer ${DEPLOY_TOKEN}`,
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: { id: [created.body.id], entityRef: [SCORING_API] },
        health: { path: '/deployments', principal: 'user' },
      });
      stats[databaseId] = run;
      expect(failures).toEqual([]);
    },
    180_000,
  );
});
