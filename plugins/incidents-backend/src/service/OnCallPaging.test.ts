import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { declareIncident } from '@vigil/backstage-plugin-incidents-common';
import type { Entity } from '@backstage/catalog-model';
import express from 'express';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import {
  ALICE,
  SCORING,
  scoringComponent,
  setupServices,
} from '../__testUtils__/services';
import { OnCallPaging } from './OnCallPaging';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();
const servers: Server[] = [];
afterAll(() =>
  Promise.all(
    servers.map(server => new Promise(resolve => server.close(resolve))),
  ),
);

/**
 * A stand-in for the on-call backend's HTTP API (another plugin; backends
 * only meet over HTTP): answers `POST /pages` with `answer` and records
 * every request.
 */
async function onCallServer(answer: { status: number; body: object }) {
  const requests: Array<{ path: string; body: any; authorization?: string }> =
    [];
  const app = express();
  app.use(express.json());
  app.post('/api/oncall/*', (req, res) => {
    requests.push({
      path: req.path.replace('/api/oncall', ''),
      body: req.body,
      authorization: req.headers.authorization,
    });
    if (req.path.endsWith('/pages')) {
      res.status(answer.status).json(answer.body);
    } else {
      res.json({ acknowledged: 1 });
    }
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  return { baseUrl: `http://127.0.0.1:${port}/api`, requests };
}

/** A practice service of the sandbox, owned (as there) by a real group. */
const sandboxCheckout: Entity = {
  ...scoringComponent,
  metadata: { name: 'checkout', namespace: 'sandbox' },
};
const SANDBOX_CHECKOUT = 'component:sandbox/checkout';

async function setup(answer: { status: number; body: object }) {
  const oncall = await onCallServer(answer);
  const services = await setupServices(
    databases,
    'SQLITE_3',
    [scoringComponent, sandboxCheckout],
    {},
    store =>
      new OnCallPaging({
        auth: mockServices.auth(),
        discovery: {
          getBaseUrl: async (pluginId: string) =>
            `${oncall.baseUrl}/${pluginId}`,
          getExternalBaseUrl: async (pluginId: string) =>
            `${oncall.baseUrl}/${pluginId}`,
        },
        logger: mockServices.logger.mock(),
        store,
      }),
  );
  const declare = () =>
    services.incidents.declare(
      { title: 'Scores time out', severity: 'SEV1', entityRefs: [SCORING] },
      ALICE,
      mockCredentials.user(ALICE),
    );
  const settle = async (done: () => boolean | Promise<boolean>) => {
    for (let waited = 0; !(await done()) && waited < 5000; waited += 20) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
  };
  return { ...services, oncall, declare, settle };
}

describe('paging on-call for declared incidents (flow 4)', () => {
  it('pages the owner’s policy with service credentials instead of notifying the owners', async () => {
    const { declare, oncall, notifications, settle, store } = await setup({
      status: 201,
      body: { outcome: 'paged', pagedUserRefs: ['user:default/carol'] },
    });
    const { incident } = await declare();
    await settle(() => oncall.requests.length === 1);
    expect(oncall.requests[0]).toMatchObject({
      path: '/pages',
      body: {
        entityRef: SCORING,
        incidentId: incident.id,
        title: 'SEV1: Scores time out',
        link: `/incidents/${incident.id}`,
        severity: 'critical',
      },
    });
    expect(oncall.requests[0].authorization).toMatch(/^Bearer /);
    // Its declarer acknowledged it: escalation stops after the first step.
    await settle(() => oncall.requests.length === 2);
    expect(oncall.requests[1]).toMatchObject({
      path: `/incident-pages/${incident.id}/acknowledge`,
      body: { by: ALICE },
    });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(notifications.send).not.toHaveBeenCalled();
    const page = await store.getIncidentPage(incident.id);
    expect(page!.timeline.map(e => e.type)).not.toContain('paging_unavailable');
  });

  it.each([
    [
      'no policy',
      { status: 201, body: { outcome: 'no-policy', message: 'No policy' } },
      'no-policy',
    ],
    [
      'nobody on call',
      { status: 201, body: { outcome: 'nobody-on-call', message: 'Gap' } },
      'nobody-on-call',
    ],
    [
      'an on-call backend that fails',
      { status: 503, body: { error: { message: 'down' } } },
      'unreachable',
    ],
  ])(
    'with %s, says so on the incident and notifies the owners as before',
    async (_name, answer, reason) => {
      const { declare, notifications, settle, store } = await setup(answer);
      const { incident } = await declare();
      await settle(() => notifications.send.mock.calls.length === 1);
      expect(notifications.send.mock.calls[0][0].recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/payments'],
      });
      const page = await store.getIncidentPage(incident.id);
      expect(page!.timeline).toContainEqual(
        expect.objectContaining({ type: 'paging_unavailable', reason }),
      );
    },
  );

  it('tells nobody of a sandbox incident: no page, no owners notified, and says so', async () => {
    const { incidents, oncall, notifications, settle, store } = await setup({
      status: 201,
      body: { outcome: 'paged' },
    });
    const { incident } = await incidents.declare(
      { title: 'Practice', severity: 'SEV1', entityRefs: [SANDBOX_CHECKOUT] },
      ALICE,
      mockCredentials.user(ALICE),
    );
    const timeline = async () =>
      (await store.getIncidentPage(incident.id))!.timeline;
    await settle(async () =>
      (await timeline()).some(e => e.type === 'paging_unavailable'),
    );
    expect(await timeline()).toContainEqual(
      expect.objectContaining({
        type: 'paging_unavailable',
        reason: 'no-policy',
        message:
          'it is a sandbox incident; practice never pages on-call or notifies the owners',
      }),
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(oncall.requests).toEqual([]);
    expect(notifications.send).not.toHaveBeenCalled();
  });

  it('stops paging when the incident is acknowledged and resolves pages when it is resolved', async () => {
    const { declare, incidents, oncall, settle } = await setup({
      status: 201,
      body: { outcome: 'paged' },
    });
    const { incident } = await declare();
    await settle(() => oncall.requests.length === 2);
    await incidents.update(
      incident.id,
      { status: 'resolved', expectedVersion: incident.version },
      ALICE,
      mockCredentials.user(ALICE),
    );
    await settle(() => oncall.requests.length === 3);
    expect(oncall.requests[2].path).toBe(
      `/incident-pages/${incident.id}/resolve`,
    );
  });

  it('tells on-call who acknowledged an alert-opened incident, which stops its escalation', async () => {
    const { incidents, oncall, settle, store } = await setup({
      status: 201,
      body: { outcome: 'paged' },
    });
    // As Alertmanager opens them: nobody has acknowledged it yet.
    const { incident } = declareIncident(
      { title: 'Burning', severity: 'SEV2', entityRefs: [SCORING] },
      'alert-1',
      'plugin:incidents',
      '2026-11-01T09:59:00Z',
      { source: 'alertmanager' },
    );
    await store.createIncident(
      { incident, ownerRefs: ['group:default/payments'] },
      [],
    );
    await incidents.acknowledge('alert-1', incident.version, ALICE);
    await settle(() => oncall.requests.length === 1);
    expect(oncall.requests[0]).toMatchObject({
      path: '/incident-pages/alert-1/acknowledge',
      body: { by: ALICE },
    });
  });
});
