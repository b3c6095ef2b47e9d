import {
  deployBody,
  DAY,
  expectConforms,
  testBackends,
} from './__testUtils__/backend';
import {
  ALICE,
  CAROL,
  EVE,
  OTHER,
  PAT,
  SCORING_API,
  ZOE,
} from './__testUtils__/catalog';

const { startBackend, databases } = testBackends();

describe.each(databases.eachSupportedId())(
  'deployment records on %s',
  databaseId => {
    it('lets the deploy token open a record, follow it through and end it', async () => {
      const backend = await startBackend({ databaseId });
      const created = await backend.deployToken
        .post('/deployments')
        .send(deployBody({ entityRef: 'Component:scoring-api' }));
      expect(created.status).toBe(201);
      expectConforms('POST /deployments', created);
      expect(created.body).toMatchObject({
        entityRef: SCORING_API,
        environment: 'production',
        kind: 'deploy',
        outcome: 'in_progress',
        recordedBy: 'vigil-deploy',
        operator: 'dev@laptop',
        startedAt: '2026-11-30T10:00:00.000Z',
        smoke: [],
        revision: 1,
      });
      const { id } = created.body;

      const switched = await backend.deployToken
        .patch(`/deployments/${id}`)
        .send({
          revision: 1,
          trafficSwitchedAt: '2026-11-30T10:03:00Z',
          steps: [
            {
              name: 'build',
              status: 'succeeded',
              startedAt: '2026-11-30T10:00:00Z',
              finishedAt: '2026-11-30T10:02:00Z',
            },
            {
              name: 'switch',
              status: 'succeeded',
              startedAt: '2026-11-30T10:02:00Z',
            },
          ],
          smoke: [
            {
              name: 'score',
              ok: true,
              target: 'green',
              at: '2026-11-30T10:02:30Z',
              durationMs: 14,
            },
          ],
        });
      expect(switched.status).toBe(200);
      expectConforms('PATCH /deployments/{id}', switched);
      expect(switched.body).toMatchObject({
        revision: 2,
        trafficSwitchedAt: '2026-11-30T10:03:00.000Z',
        smoke: [{ name: 'score', ok: true }],
      });

      const stale = await backend.deployToken
        .patch(`/deployments/${id}`)
        .send({ revision: 1, outcome: 'succeeded' });
      expect(stale.status).toBe(409);
      expectConforms('PATCH /deployments/{id}', stale);
      expect(stale.body.error.message).toMatch(
        `Deployment ${id} is at revision 2, not 1`,
      );

      const ended = await backend.deployToken.patch(`/deployments/${id}`).send({
        revision: 2,
        outcome: 'succeeded',
        finishedAt: '2026-11-30T10:05:00Z',
      });
      expect(ended.body).toMatchObject({ outcome: 'succeeded', revision: 3 });

      const read = await backend.as(ALICE).get(`/deployments/${id}`);
      expect(read.status).toBe(200);
      expectConforms('GET /deployments/{id}', read);
      expect(read.body).toEqual(ended.body);

      expect(
        backend.auditor.createEvent.mock.calls.map(([e]) => [
          e.eventId,
          e.meta,
        ]),
      ).toEqual([
        [
          'deployment-create',
          expect.objectContaining({ kind: 'deploy', version: '0.1.0+3f2a1bc' }),
        ],
        [
          'deployment-update',
          expect.objectContaining({ deploymentId: id, revision: 1 }),
        ],
        [
          'deployment-update',
          expect.objectContaining({ deploymentId: id, revision: 1 }),
        ],
        [
          'deployment-update',
          expect.objectContaining({ deploymentId: id, revision: 2 }),
        ],
      ]);
      expect(backend.auditorEvent.success).toHaveBeenCalledTimes(3);
      expect(backend.auditorEvent.fail).toHaveBeenCalledTimes(1);
    });

    it('lets owners and admins record, not other users; other backends may', async () => {
      const backend = await startBackend({ databaseId });
      const post = (client: typeof backend.deployToken) =>
        client.post('/deployments').send(deployBody());
      const byOwner = await post(backend.as(CAROL));
      expect(byOwner.status).toBe(201);
      expect(byOwner.body.recordedBy).toBe(CAROL);
      expect((await post(backend.as(PAT))).status).toBe(201);
      expect((await post(backend.service)).status).toBe(201);

      const refused = await post(backend.as(ALICE));
      expect(refused.status).toBe(403);
      expectConforms('POST /deployments', refused);
      expect(refused.body.error.message).toMatch(
        'Not allowed to record deployments of component:default/scoring-api (deployments.record.create)',
      );
      const patchRefused = await backend
        .as(ALICE)
        .patch(`/deployments/${byOwner.body.id}`)
        .send({ revision: 1, outcome: 'failed' });
      expect(patchRefused.status).toBe(403);
      // The owner of the other service may record its deploys.
      expect(
        (
          await backend
            .as(ALICE)
            .post('/deployments')
            .send(deployBody({ entityRef: OTHER }))
        ).status,
      ).toBe(201);

      const anonymous = await post(backend.anonymous);
      expect(anonymous.status).toBe(401);
      expectConforms('POST /deployments', anonymous);
      expect((await backend.anonymous.get('/deployments')).status).toBe(401);
    });

    it('answers 400 naming the field, 404 for unknown ids', async () => {
      const backend = await startBackend({ databaseId });
      const bad = async (body: object, field: RegExp) => {
        const res = await backend.deployToken.post('/deployments').send(body);
        expect([res.status, res.body.error?.message]).toEqual([
          400,
          expect.stringMatching(field),
        ]);
        expectConforms('POST /deployments', res);
      };
      await bad(
        deployBody({ entityRef: 'component:default/missing' }),
        /entityRef: component:default\/missing is not in the catalog/,
      );
      await bad(
        deployBody({ entityRef: 'scoring-api' }),
        /entityRef: must be an entity ref/,
      );
      await bad({ ...deployBody(), colour: 'blue' }, /colour/);
      await bad(
        deployBody({ release: { version: '1', commit: 'not-a-sha' } }),
        /release\.commit/,
      );
      await bad(deployBody({ startedAt: 'yesterday' }), /startedAt/);
      await bad(
        deployBody({ operator: 'a\u0000b' }),
        /operator: must not contain NUL/,
      );
      await bad(
        deployBody({ finishedAt: '2026-11-30T09:00:00Z' }),
        /finishedAt: must not be before startedAt/,
      );

      const { body: created } = await backend.deployToken
        .post('/deployments')
        .send(deployBody());
      const patch = (id: string, body: object) =>
        backend.deployToken.patch(`/deployments/${id}`).send(body);
      expect(
        (await patch(created.id, { outcome: 'failed' })).body.error.message,
      ).toMatch(/revision: is required/);
      expect(
        (await patch(created.id, { revision: 1, outcome: 'lost' })).status,
      ).toBe(400);
      expect(
        (
          await patch(created.id, {
            revision: 1,
            trafficSwitchedAt: '2026-11-29T00:00:00Z',
          })
        ).body.error.message,
      ).toMatch(/trafficSwitchedAt: must not be before startedAt/);
      const unknown = await patch('3b241101-e2bb-4255-8caf-4136c566a962', {
        revision: 1,
      });
      expect(unknown.status).toBe(404);
      expectConforms('PATCH /deployments/{id}', unknown);
      expect((await patch('not-an-id', { revision: 1 })).status).toBe(400);
      const missing = await backend
        .as(ALICE)
        .get('/deployments/3b241101-e2bb-4255-8caf-4136c566a962');
      expect(missing.status).toBe(404);
      expectConforms('GET /deployments/{id}', missing);
    });

    it('lists newest first, filtered and paged, only of entities the caller may read', async () => {
      const backend = await startBackend({ databaseId });
      const start = Date.parse('2026-11-20T10:00:00Z');
      const ids: Record<string, string> = {};
      for (const [name, entityRef, kind, days] of [
        ['scoring1', SCORING_API, 'deploy', 0],
        ['scoring2', SCORING_API, 'rollback', 1],
        ['other1', OTHER, 'deploy', 2],
        ['scoringDrill', SCORING_API, 'drill', 3],
      ] as const) {
        const res = await backend.deployToken.post('/deployments').send(
          deployBody({
            entityRef,
            kind,
            startedAt: new Date(start + days * DAY).toISOString(),
          }),
        );
        expect(res.status).toBe(201);
        ids[name] = res.body.id;
      }
      const list = async (as: typeof backend.deployToken, query = '') => {
        const res = await as.get(`/deployments${query}`);
        expect(res.status).toBe(200);
        expectConforms('GET /deployments', res);
        return {
          ids: res.body.items.map((d: { id: string }) => d.id),
          total: res.body.totalCount,
        };
      };
      const alice = backend.as(ALICE);
      expect(await list(alice)).toEqual({
        ids: [ids.scoringDrill, ids.other1, ids.scoring2, ids.scoring1],
        total: 4,
      });
      expect(
        await list(
          alice,
          `?entityRef=component:scoring-api&kind=deploy&kind=rollback`,
        ),
      ).toEqual({
        ids: [ids.scoring2, ids.scoring1],
        total: 2,
      });
      expect(
        await list(alice, `?from=2026-11-21T00:00:00Z&to=2026-11-22T12:00:00Z`),
      ).toEqual({ ids: [ids.other1, ids.scoring2], total: 2 });
      expect(await list(alice, '?limit=1&offset=1')).toEqual({
        ids: [ids.other1],
        total: 4,
      });
      expect(await list(backend.deployToken, '?limit=500')).toMatchObject({
        total: 4,
      });

      // ZOE may read only the other service; EVE nothing.
      expect(await list(backend.as(ZOE))).toEqual({
        ids: [ids.other1],
        total: 1,
      });
      expect(await list(backend.as(ZOE), `?entityRef=${SCORING_API}`)).toEqual({
        ids: [],
        total: 0,
      });
      expect(await list(backend.as(EVE))).toEqual({ ids: [], total: 0 });
      expect(
        (await backend.as(ZOE).get(`/deployments/${ids.scoring1}`)).status,
      ).toBe(404);
      expect(
        (await backend.as(ZOE).get(`/deployments/${ids.other1}`)).status,
      ).toBe(200);

      for (const query of [
        '?limit=0',
        '?limit=501',
        '?offset=-1',
        '?offset=1000001',
        '?kind=release',
        '?entityRef=scoring-api',
        '?from=2026-11-22T00:00:00Z&to=2026-11-21T00:00:00Z',
        '?colour=blue',
      ]) {
        const res = await alice.get(`/deployments${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expectConforms('GET /deployments', res);
      }
    });
  },
);
