/*
 * Two replicas behind HAProxy (scripts/smoke-production.sh starts them): a
 * browser pinned to replica b (cookie vigil-replica=b, ops/haproxy/
 * portal.cfg) receives, over its signals websocket, the signal of an
 * incident that replica a opened: the events bus in PostgreSQL carried it.
 * And the session signed in on b works on a.
 */
import { expect, test } from '@playwright/test';
import { backendUrl, signIn, signedInIdentity } from '@vigil/e2e-kit';

const replicaA = process.env.REPLICAS_A ?? 'http://127.0.0.1:7101';
const webhookToken = process.env.VIGIL_ALERTMANAGER_WEBHOOK_TOKEN ?? '';

async function pinTo(
  context: import('@playwright/test').BrowserContext,
  replica: 'a' | 'b',
) {
  await context.addCookies([
    { name: 'vigil-replica', value: replica, url: backendUrl },
  ]);
}

test('a signal sent on replica a reaches a browser on replica b; the session works on either', async ({
  page,
  context,
}) => {
  await pinTo(context, 'b');
  const received: string[] = [];
  const subscribed = new Promise<void>(resolve => {
    page.on('websocket', ws => {
      if (!ws.url().includes('/api/signals')) return;
      ws.on('framereceived', frame => received.push(String(frame.payload)));
      ws.on('framesent', frame => {
        if (String(frame.payload).includes('"subscribe"')) resolve();
      });
    });
  });
  await signIn(page, 'alice', '/incidents');
  await subscribed;
  const served = await page.request.get(
    `${backendUrl}/.backstage/health/v1/readiness`,
  );
  expect(served.headers()['x-vigil-replica']).toBe('b');

  // Alertmanager's notification straight to replica a: it opens the
  // incident there and publishes the signal there.
  const name = `ReplicaSignal${Date.now()}`;
  const now = new Date().toISOString();
  const alert = {
    status: 'firing',
    labels: { alertname: name, service: 'scoring-api', severity: 'warning' },
    annotations: { summary: `${name}: signal across replicas` },
    startsAt: now,
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://127.0.0.1:9090/graph',
    fingerprint: name.slice(-16),
  };
  const res = await page.request.post(
    `${replicaA}/api/incidents/alertmanager/webhook`,
    {
      headers: { authorization: `Bearer ${webhookToken}` },
      data: {
        version: '4',
        receiver: 'vigil-incidents',
        status: 'firing',
        groupKey: `{}:{alertname="${name}"}`,
        groupLabels: { alertname: name },
        commonLabels: alert.labels,
        commonAnnotations: alert.annotations,
        externalURL: 'http://127.0.0.1:9093',
        truncatedAlerts: 0,
        alerts: [alert],
      },
    },
  );
  expect(res.ok(), await res.text()).toBeTruthy();
  const { incidentId } = await res.json();
  expect(incidentId).toBeTruthy();
  await expect
    .poll(() => received.some(payload => payload.includes(incidentId)), {
      timeout: 15_000,
      message: `the signal of incident ${incidentId} (opened on a) on b's websocket`,
    })
    .toBe(true);
  // The page on b shows it without a reload (the list refetches on the signal).
  await expect(page.getByText(name).first()).toBeVisible();

  // The session signed in on b, refreshed on a.
  const onB = await signedInIdentity(page);
  await pinTo(context, 'a');
  const check = await page.request.get(
    `${backendUrl}/.backstage/health/v1/readiness`,
  );
  expect(check.headers()['x-vigil-replica']).toBe('a');
  const onA = await signedInIdentity(page);
  expect(onA.userEntityRef).toBe(onB.userEntityRef);
  expect(onA.userEntityRef).toBe('user:default/alice');
});
