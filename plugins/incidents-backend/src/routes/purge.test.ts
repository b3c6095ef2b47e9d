import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { expectConforms, testBackends } from '../__testUtils__/backend';
import { SCORING } from '../__testUtils__/services';

const { databases, startBackend } = testBackends();
const SANDBOX_CHECKOUT = 'component:sandbox/checkout';

describe.each(databases.eachSupportedId())(
  'the sandbox purge and metrics on %s',
  databaseId => {
    it('leaves the sandbox out of catalog-wide metrics, and purges it for services only', async () => {
      const backend = await startBackend(databaseId);
      const { alice, server, auditor } = backend;
      const declare = (title: string, entityRefs: string[]) =>
        alice.post('/incidents').send({ title, severity: 'SEV2', entityRefs });
      const practice = await declare('Practice outage', [SANDBOX_CHECKOUT]);
      expect(practice.status).toBe(201);
      const practiceId = practice.body.incident.id;
      await alice
        .patch(`/incidents/${practiceId}`)
        .send({ status: 'resolved', expectedVersion: 1 });
      expect(
        (await alice.post(`/incidents/${practiceId}/postmortem`)).status,
      ).toBe(201);
      expect((await declare('Real outage', [SCORING])).status).toBe(201);

      // Catalog-wide: the real incident only; the sandbox entity's own: its one.
      const catalogWide = await alice.get('/metrics');
      expectConforms('get', '/metrics', catalogWide);
      expect(catalogWide.body.metrics.count).toBe(1);
      const ofSandbox = await alice.get(
        `/metrics?entityRef=${SANDBOX_CHECKOUT}`,
      );
      expect(ofSandbox.body.metrics.count).toBe(1);

      const purge = (namespace: string, header?: string) => {
        const req = request(server).post('/api/incidents/purge');
        return (header ? req.set('authorization', header) : req).send({
          namespace,
        });
      };
      const anonymous = await purge('sandbox');
      expect(anonymous.status).toBe(401);
      const asUser = await alice.post('/purge').send({ namespace: 'sandbox' });
      expect(asUser.status).toBe(403);
      expectConforms('post', '/purge', asUser);
      const other = await purge('default', mockCredentials.service.header());
      expect(other.status).toBe(400);
      expect(other.body.error.message).toMatch(
        /only the sandbox namespace can be purged/,
      );
      expectConforms('post', '/purge', other);
      expect((await alice.get('/incidents')).body.totalCount).toBe(2);

      const purged = await purge('sandbox', mockCredentials.service.header());
      expect(purged.status).toBe(200);
      expectConforms('post', '/purge', purged);
      expect(purged.body).toEqual({
        namespace: 'sandbox',
        incidents: 1,
        postmortems: 1,
        actionItems: 0,
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'namespace-purge',
          meta: { namespace: 'sandbox' },
        }),
      );
      const left = await alice.get('/incidents');
      expect(left.body.items.map((i: any) => i.title)).toEqual(['Real outage']);
      expect((await alice.get(`/incidents/${practiceId}`)).status).toBe(404);
    });
  },
);
