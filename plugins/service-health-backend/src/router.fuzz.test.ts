import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  fuzzRoutes,
  readOpenApiDocument,
  reportFuzzStats,
} from '@vigil/openapi-contract';
import { BOB, startBackend } from './__testUtils__/backend';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as a
 * user, another user, another backend and nobody: never a 5xx, a stack
 * trace or SQL, every 4xx says what is wrong. VIGIL_FUZZ_RUNS and
 * VIGIL_FUZZ_SEED go deeper/replay.
 */
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);

describe('the service health API under fuzzing', () => {
  it('answers every route sanely', async () => {
    const server = await startBackend();
    const { port } = server.address() as AddressInfo;
    const { stats, failures } = await fuzzRoutes({
      document,
      baseUrl: `http://127.0.0.1:${port}/api/service-health`,
      principals: {
        user: mockCredentials.user.header(),
        other: mockCredentials.user.header(BOB),
        service: mockCredentials.service.header(),
        none: undefined,
      },
      examples: {
        kind: ['component'],
        namespace: ['default'],
        name: ['scoring-api', 'secret'],
      },
      health: {
        path: '/entities/component/default/scoring-api/health',
        principal: 'user',
      },
    });
    reportFuzzStats('service-health', { default: stats });
    expect(failures).toEqual([]);
  }, 180_000);
});
