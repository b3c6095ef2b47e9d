import path from 'node:path';
import request from 'supertest';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { sloPlugin } from './plugin';

const catalogFile = path.resolve(__dirname, '../../../catalog-info.yaml');

describe('the SLO plugin with the real catalog', () => {
  it("reads the scoring API's spec beside this repository's catalog-info.yaml", async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        sloPlugin,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'API',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                  ],
                },
              ],
              locations: [{ type: 'file', target: catalogFile }],
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header();
    const deadline = Date.now() + 60_000;
    let body: any;
    for (;;) {
      const refresh = await request(server)
        .post('/api/slo/refresh')
        .set('authorization', auth);
      expect(refresh.status).toBe(200);
      const res = await request(server)
        .get('/api/slo/entities/component/default/scoring-api/slos')
        .set('authorization', auth);
      body = res.body;
      if (body.slos?.length || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 500));
    }
    // Relative to the catalog file's directory, as the annotation says.
    expect(body.specSource).toEqual({
      type: 'file',
      target: 'packages/scoring-api/slo.yaml',
    });
    expect(body.errors).toEqual([]);
    expect(body.slos).toEqual([
      expect.objectContaining({
        sloId: 'scoring-api-availability',
        objectivePercent: 99.9,
        owner: 'group:default/payments',
        system: 'system:default/risk-scoring',
        lifecycle: 'production',
        status: 'no-data',
      }),
      expect.objectContaining({
        sloId: 'scoring-api-latency',
        objectivePercent: 95,
      }),
    ]);
  }, 90_000);
});
