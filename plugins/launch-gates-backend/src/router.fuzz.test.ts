import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  fuzzRoutes,
  FuzzStats,
  readOpenApiDocument,
  reportFuzzStats,
} from '@vigil/openapi-contract';
import { openAndEvaluate, testBackends } from './__testUtils__/backend';
import { ALICE, CAROL, ERIN, SCORING_API } from './__testUtils__/catalog';

/**
 * Random valid and invalid requests to every route of openapi.yaml, as an
 * owner, the product owner, another user, another backend and nobody:
 * never a 5xx, a stack trace or SQL, every 4xx says what is wrong.
 * VIGIL_FUZZ_RUNS and VIGIL_FUZZ_SEED go deeper/replay.
 */
const { startBackend, databases } = testBackends();
const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);
const stats: Record<string, FuzzStats> = {};
afterAll(() => reportFuzzStats('launch-gates', stats));

describe('the launch-gates API under fuzzing', () => {
  it.each(databases.eachSupportedId())(
    'answers every route sanely on %s',
    async databaseId => {
      const backend = await startBackend({ databaseId });
      backend.outcome('slo', true);
      // A real review and file, so some requests reach rows and not only 404.
      const review = await openAndEvaluate(backend, SCORING_API);
      const attachment = await backend
        .as(CAROL)
        .post(`/reviews/${review.id}/attachments`)
        .send({
          filename: 'a.txt',
          contentType: 'text/plain',
          contentBase64: Buffer.from('a').toString('base64'),
        });
      expect(attachment.status).toBe(201);
      const { port } = backend.server.address() as AddressInfo;
      const { stats: run, failures } = await fuzzRoutes({
        document,
        baseUrl: `http://127.0.0.1:${port}/api/launch-gates`,
        principals: {
          owner: mockCredentials.user.header(CAROL),
          productOwner: mockCredentials.user.header(ERIN),
          user: mockCredentials.user.header(ALICE),
          service: mockCredentials.service.header(),
          none: undefined,
        },
        examples: {
          id: [review.id],
          attachmentId: [attachment.body.id],
          checkId: ['slo-history', 'runbooks-reviewed'],
          name: ['default'],
          entityRef: [SCORING_API],
        },
        health: { path: '/reviews', principal: 'user' },
      });
      stats[databaseId] = run;
      expect(failures).toEqual([]);
    },
    180_000,
  );
});
