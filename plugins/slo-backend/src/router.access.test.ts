import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  expectConforms,
  getOperation,
  testBackends,
} from './__testUtils__/backend';

const { startBackend } = testBackends();

describe('the SLO API', () => {
  it('needs an authenticated user or service', async () => {
    const { server } = await startBackend();
    for (const url of [
      '/slos',
      '/slos/x',
      '/rules',
      '/entities/component/default/checkout/slos',
      '/status',
    ]) {
      const res = await request(server).get(`/api/slo${url}`);
      expect(res.status).toBe(401);
      expectConforms(getOperation(url), res);
    }
    expect((await request(server).post('/api/slo/refresh')).status).toBe(401);
    const service = await request(server)
      .get('/api/slo/slos')
      .set('authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
  });

  it('needs the slo.specs.refresh permission to refresh', async () => {
    const { alice, auditor } = await startBackend({
      permission: AuthorizeResult.DENY,
    });
    const res = await alice.post('/refresh');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('slo.specs.refresh');
    expectConforms('POST /refresh', res);
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });
});
