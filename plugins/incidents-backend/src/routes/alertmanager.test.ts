import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { GROUP_KEY, webhookPayload } from '../__testUtils__/alertmanager';
import { expectConforms, testBackends, TOKEN } from '../__testUtils__/backend';
import { SCORING } from '../__testUtils__/services';

const { startBackend } = testBackends();

describe('the incidents API: Alertmanager webhook', () => {
  const at = (m: number) => `2026-11-01T09:${String(m).padStart(2, '0')}:00.5Z`;
  const firing = (fp: string, m: number) => ({
    fingerprint: fp,
    status: 'firing' as const,
    startsAt: at(m),
  });
  const resolved = (fp: string, m: number, end: number) => ({
    fingerprint: fp,
    status: 'resolved' as const,
    startsAt: at(m),
    endsAt: at(end),
  });

  it('rejects bad tokens with 401 and malformed payloads with 400 naming the fields', async () => {
    const { webhook, server } = await startBackend();
    expect(
      (await webhook(webhookPayload([firing('a', 0)]), 'wrong')).status,
    ).toBe(401);
    const noAuth = await request(server)
      .post('/api/incidents/alertmanager/webhook')
      .send(webhookPayload([firing('a', 0)]));
    expect(noAuth.status).toBe(401);
    expectConforms('post', '/alertmanager/webhook', noAuth);
    const asService = await request(server)
      .post('/api/incidents/alertmanager/webhook')
      .set('authorization', mockCredentials.service.header())
      .send(webhookPayload([firing('a', 0)]));
    expect(asService.status).toBe(200);
    expectConforms('post', '/alertmanager/webhook', asService);

    const broken = webhookPayload([firing('a', 0)]) as any;
    broken.version = '3';
    delete broken.groupKey;
    broken.alerts[0].startsAt = 'yesterday';
    const res = await webhook(broken);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/version: must be "4"/);
    expect(res.body.error.message).toMatch(/groupKey: is required/);
    expect(res.body.error.message).toMatch(
      /alerts\[0\]\.startsAt: must be an RFC 3339 timestamp/,
    );
    expectConforms('post', '/alertmanager/webhook', res);
    const notJson = await request(server)
      .post('/api/incidents/alertmanager/webhook')
      .set('authorization', `Bearer ${TOKEN}`)
      .set('content-type', 'application/json')
      .send('{"version":');
    expect(notJson.status).toBe(400);
  });

  it('answers 5xx when the database cannot take a notification, so Alertmanager retries', async () => {
    const { webhook, knex } = await startBackend();
    await knex.destroy();
    const res = await webhook(webhookPayload([firing('a', 0)]));
    expect(res.status).toBeGreaterThanOrEqual(500);
  });

  it('turns a group’s notifications into one incident and its timeline', async () => {
    const { webhook, alice } = await startBackend();
    const sequence = [
      [firing('a', 0)], // firing
      [firing('a', 0)], // repeat
      [firing('a', 0), firing('b', 2)], // a second alert joins
      [firing('a', 0), firing('b', 2)], // duplicate (HA pair)
      [firing('a', 0)], // out of order: older notification arrives late
      [resolved('a', 0, 5), firing('b', 2)], // partial resolve
      [resolved('a', 0, 5), resolved('b', 2, 6)], // all resolved
    ];
    const actions = [];
    for (const alerts of sequence) {
      const res = await webhook(webhookPayload(alerts));
      expect(res.status).toBe(200);
      actions.push(res.body.action);
    }
    expect(actions).toEqual([
      'opened',
      'unchanged',
      'updated',
      'unchanged',
      'unchanged',
      'updated',
      'updated',
    ]);
    // A truncated notification is taken and its truncation reported.
    const truncated = await webhook(
      webhookPayload([resolved('a', 0, 5), resolved('b', 2, 6)], {
        truncatedAlerts: 4,
      }),
    );
    expect(truncated.body.warnings[0]).toMatch(/4 alert\(s\) were truncated/);

    const list = await alice.get('/incidents');
    expect(list.body.totalCount).toBe(1);
    const incident = list.body.items[0];
    expect(incident).toMatchObject({
      severity: 'SEV2',
      status: 'investigating',
      alertGroupKey: GROUP_KEY,
      entityRefs: [SCORING],
    });
    const details = await alice.get(`/incidents/${incident.id}`);
    expect(
      details.body.timeline.map((e: any) => `${e.type}:${e.fingerprint}`),
    ).toEqual([
      'alert_attached:a',
      'alert_attached:b',
      'alert_resolved:a',
      'alert_resolved:b',
      // The truncation is on the timeline, not only in the log.
      'alerts_truncated:undefined',
    ]);
    expect(details.body.timeline.at(-1)).toMatchObject({
      type: 'alerts_truncated',
      truncatedAlerts: 4,
      receivedAlerts: 2,
    });
    expect(details.body.alerts.map((x: any) => x.status)).toEqual([
      'resolved',
      'resolved',
    ]);
  });
});
