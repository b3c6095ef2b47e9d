import {
  ADMIN,
  ALICE,
  expectConforms,
  sdkPayload,
  testBackends,
} from './__testUtils__/backend';

const { startBackend, databases } = testBackends();

/** A production-build exception: a frame of the bundle the test map maps. */
function productionException(value: string) {
  const body = sdkPayload('faro-sdk-2');
  body.exceptions = [
    {
      type: 'TypeError',
      value,
      timestamp: new Date().toISOString(),
      stacktrace: {
        frames: [
          {
            filename: 'http://localhost:3000/static/main.1a2b3c4d.js',
            function: 'a',
            lineno: 1,
            colno: 10,
          },
        ],
      },
    },
  ];
  body.measurements = [];
  return body;
}

describe.each(databases.eachSupportedId())(
  'what the portal reads on %s',
  databaseId => {
    it('groups exceptions by fingerprint for portal admins, with the source-mapped stack', async () => {
      const backend = await startBackend({ databaseId });
      const first = productionException(
        "Cannot read properties of undefined (reading 'id')",
      );
      const second = productionException(
        "Cannot read properties of undefined (reading 'name')",
      );
      second.meta.session = { id: 'OtherSessn' };
      expect((await backend.browser().send(first)).status).toBe(202);
      expect((await backend.browser().send(second)).status).toBe(202);

      const list = await backend.as(ADMIN).get('/errors');
      expect(list.status).toBe(200);
      expectConforms('GET /errors', list);
      expect(list.body.totalCount).toBe(1);
      const [group] = list.body.items;
      expect(group).toMatchObject({
        type: 'TypeError',
        message: "Cannot read properties of undefined (reading 'name')",
        normalizedMessage:
          'Cannot read properties of undefined (reading <str>)',
        topFrame:
          'explodeOnClick (plugins/rum/src/components/ExplodingWidget.tsx)',
        count: 2,
        sessionCount: 2,
        lastRelease: '1.4.0+3f2a1bc',
        releases: ['1.4.0+3f2a1bc'],
        routes: ['/catalog/:namespace/:kind/:name/usage'],
      });

      const detail = await backend
        .as(ADMIN)
        .get(`/errors/${group.fingerprint}`);
      expect(detail.status).toBe(200);
      expectConforms('GET /errors/{fingerprint}', detail);
      expect(detail.body.mapped).toBe(true);
      expect(detail.body.stack).toEqual([
        {
          function: 'explodeOnClick',
          filename: 'plugins/rum/src/components/ExplodingWidget.tsx',
          lineno: 12,
          colno: 5,
        },
      ]);
      expect(detail.body.rawStack[0].filename).toBe(
        'http://localhost:3000/static/main.1a2b3c4d.js',
      );
    });

    it('keeps errors from other users (403 naming the permission) and unknown groups (404)', async () => {
      const backend = await startBackend({ databaseId });
      const denied = await backend.as(ALICE).get('/errors');
      expect(denied.status).toBe(403);
      expectConforms('GET /errors', denied);
      expect(denied.body.error.message).toMatch(/rum\.errors\.read/);
      expect(
        (await backend.as(ALICE).get('/errors/0123456789abcdef')).status,
      ).toBe(403);
      const missing = await backend.as(ADMIN).get('/errors/0123456789abcdef');
      expect(missing.status).toBe(404);
      expectConforms('GET /errors/{fingerprint}', missing);
      expect(
        (await backend.as(ADMIN).get('/errors/not-a-fingerprint')).status,
      ).toBe(400);
      expect((await backend.as(ADMIN).get('/errors?limit=201')).status).toBe(
        400,
      );
    });

    it('answers the portal usage: users, sessions, page loads, slowest routes by LCP p75', async () => {
      const backend = await startBackend({ databaseId });
      const now = new Date().toISOString();
      for (const body of [sdkPayload('faro-sdk-1'), sdkPayload('faro-sdk-2')]) {
        expect((await backend.browser().send(body)).status).toBe(202);
      }
      // Another user's session on the home page, with a slow LCP.
      const slow = sdkPayload('faro-sdk-1');
      slow.meta.session = { id: 'SlowSessn1' };
      slow.meta.user = { hash: 'a'.repeat(64) };
      slow.meta.page = { url: 'http://localhost:3000/' };
      slow.events = [
        {
          name: 'route_change',
          timestamp: now,
          attributes: { toUrl: 'http://localhost:3000/', toRoute: '/' },
        },
      ];
      slow.measurements = [
        {
          type: 'web-vitals',
          values: { lcp: 5200, delta: 5200 },
          timestamp: now,
        },
      ];
      expect((await backend.browser().send(slow)).status).toBe(202);

      const res = await backend.as(ALICE).get('/usage?range=1h');
      expect(res.status).toBe(200);
      expectConforms('GET /usage', res);
      expect(res.body).toMatchObject({
        range: '1h',
        users: 2,
        sessions: 2,
        errorSessions: 1,
        pageLoads: 3,
      });
      expect(res.body.routes.map((r: { route: string }) => r.route)).toEqual([
        '/',
        '/catalog/:namespace/:kind/:name/usage',
        '/catalog',
      ]);
      expect(res.body.routes[0]).toMatchObject({ pageLoads: 1, lcpSamples: 1 });
      expect(res.body.routes[0].lcpP75Seconds).toBeGreaterThan(4);
      expect(res.body.routes[1].lcpP75Seconds).toBeGreaterThan(2);
      expect(res.body.routes[1].lcpP75Seconds).toBeLessThanOrEqual(2.5);
      expect(res.body.routes[2].lcpP75Seconds).toBeNull();
      expect((await backend.as(ALICE).get('/usage?range=2d')).status).toBe(400);
    });
  },
);
