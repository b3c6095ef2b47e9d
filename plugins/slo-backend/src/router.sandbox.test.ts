import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { expectConforms, testBackends } from './__testUtils__/backend';
import { SPEC_YAML } from './__testUtils__/fixtures';
import { NOW, status } from './__testUtils__/storeFixtures';

/** A synthetic service of the sandbox (namespace sandbox) with SLOs. */
const sandboxCheckout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'sandbox',
    annotations: {
      'vigil.dev/slo-spec-inline': SPEC_YAML.replace(
        'service: checkout',
        'service: sandbox-checkout',
      ),
    },
  },
  spec: { type: 'service', owner: 'sre', lifecycle: 'experimental' },
};
const SANDBOX_REF = 'component:sandbox/checkout';

const { databases, startBackend } = testBackends({
  extraEntities: [sandboxCheckout],
});

describe.each(databases.eachSupportedId())('the sandbox on %s', databaseId => {
  it('leaves the sandbox out of catalog-wide rules, keeps its own', async () => {
    const { alice } = await startBackend({ databaseId });
    await alice.post('/refresh');
    const catalogWide = await alice.get('/rules?format=yaml');
    expect(catalogWide.status).toBe(200);
    expect(catalogWide.text).toContain('checkout-availability');
    expect(catalogWide.text).not.toContain('sandbox-checkout');
    const own = await alice.get(`/rules?entityRef=${SANDBOX_REF}&format=yaml`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('sandbox-checkout-availability');
  });

  it('lists the sandbox with the portfolio, leaves it out, or lists it alone', async () => {
    const { alice } = await startBackend({ databaseId });
    await alice.post('/refresh');
    const listed = async (query: string) => {
      const res = await alice.get(`/slos${query}`);
      expect(res.status).toBe(200);
      expectConforms('GET /slos', res);
      return res.body.items.map((slo: { entityRef: string }) => slo.entityRef);
    };
    expect(await listed('')).toContain(SANDBOX_REF);
    expect(await listed('?sandbox=include')).toContain(SANDBOX_REF);
    const real = await listed('?sandbox=exclude');
    expect(real.length).toBeGreaterThan(0);
    expect(real).not.toContain(SANDBOX_REF);
    expect(new Set(await listed('?sandbox=only'))).toEqual(
      new Set([SANDBOX_REF]),
    );
  });

  it("purges the sandbox's SLO history for services only, and no other namespace", async () => {
    const { alice, server, store, auditor, auditorEvent } = await startBackend({
      databaseId,
    });
    await alice.post('/refresh');
    const definitions = await store.listDefinitions();
    await store.recordEvaluations(
      definitions.map(d => status(d.sloId, d.entityRef, 0.5, NOW)),
    );
    const sandboxSlos = definitions.filter(d => d.entityRef === SANDBOX_REF);
    expect(sandboxSlos).toHaveLength(2);
    const range = { from: NOW - 1, to: NOW + 1, limit: 10 };

    const purge = (namespace: unknown, header?: string) => {
      const req = request(server).post('/api/slo/purge');
      return (header ? req.set('authorization', header) : req).send({
        namespace,
      });
    };
    expect((await purge('sandbox')).status).toBe(401);
    const asUser = await alice.post('/purge').send({ namespace: 'sandbox' });
    expect(asUser.status).toBe(403);
    expectConforms('POST /purge', asUser);
    const other = await purge('default', mockCredentials.service.header());
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(
      /only the sandbox namespace can be purged/,
    );
    expectConforms('POST /purge', other);
    expect(auditor.createEvent).not.toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'namespace-purge' }),
    );

    const purged = await purge('sandbox', mockCredentials.service.header());
    expect(purged.status).toBe(200);
    expectConforms('POST /purge', purged);
    expect(purged.body).toEqual({ namespace: 'sandbox', evaluations: 2 });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'namespace-purge',
        meta: { namespace: 'sandbox' },
      }),
    );
    expect(auditorEvent.success).toHaveBeenCalled();
    for (const d of definitions) {
      expect([
        d.sloId,
        (await store.getHistory(d.sloId, range)).length,
      ]).toEqual([d.sloId, d.entityRef === SANDBOX_REF ? 0 : 1]);
    }
  });
});
