import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { expectConforms, testBackends } from '../__testUtils__/backend';
import { SCORING } from '../__testUtils__/services';

const { startBackend } = testBackends();

describe('the incidents API: paging reports from the on-call backend', () => {
  it('records whom on-call paged, from the on-call backend only', async () => {
    const { server, alice } = await startBackend();
    const declared = await alice.post('/incidents').send({
      title: 'Scores time out',
      severity: 'SEV2',
      entityRefs: [SCORING],
    });
    const id = declared.body.incident.id;
    const report = {
      events: [
        {
          type: 'paged',
          at: '2026-11-30T10:00:00.000Z',
          userRefs: ['user:default/carol'],
          policyName: 'Payments',
          stepIndex: 0,
          repeatIndex: 0,
          via: ['schedule:payments'],
        },
      ],
    };

    const byUser = await alice.post(`/incidents/${id}/paging`).send(report);
    expect(byUser.status).toBe(403);
    expect(byUser.body.error.message).toMatch(/on-call backend/);

    const byService = await request(server)
      .post(`/api/incidents/incidents/${id}/paging`)
      .set('authorization', mockCredentials.service.header())
      .send(report);
    expect(byService.status).toBe(204);
    expectConforms('post', `/incidents/${id}/paging`, byService);

    const details = await alice.get(`/incidents/${id}`);
    expect(details.body.timeline).toContainEqual(
      expect.objectContaining({
        type: 'paged',
        userRefs: ['user:default/carol'],
        policyName: 'Payments',
      }),
    );

    const invalid = await request(server)
      .post(`/api/incidents/incidents/${id}/paging`)
      .set('authorization', mockCredentials.service.header())
      .send({ events: [{ ...report.events[0], userRefs: [] }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/userRefs/);
  });
});
