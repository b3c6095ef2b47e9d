import request from 'supertest';
import {
  APP_ORIGIN,
  expectConforms,
  sdkPayload,
  testBackends,
} from './__testUtils__/backend';

const { startBackend, databases } = testBackends();

describe.each(databases.eachSupportedId())(
  'the Faro collector on %s',
  databaseId => {
    it('takes the real SDK payloads: web vitals by route, page loads, a session, exceptions', async () => {
      const backend = await startBackend({ databaseId });
      for (const name of ['faro-sdk-1', 'faro-sdk-2'] as const) {
        const res = await backend.browser().send(sdkPayload(name));
        expect(res.status).toBe(202);
        expectConforms('POST /collect', res);
        expect(res.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      }
      const usageRoute = '/catalog/:namespace/:kind/:name/usage';
      expect(backend.metrics).toEqual(
        expect.arrayContaining([
          {
            name: 'vigil_rum_web_vitals_lcp_seconds',
            value: 2.48,
            attributes: { route: usageRoute },
          },
          {
            name: 'vigil_rum_web_vitals_cls',
            value: 0.04,
            attributes: { route: usageRoute },
          },
        ]),
      );
      expect(
        backend.metric('vigil_rum_page_loads', { route: '/catalog' }),
      ).toBe(1);
      expect(
        backend.metric('vigil_rum_page_loads', { route: usageRoute }),
      ).toBe(1);
      // One session (both bodies carry its id), with an error, counted once.
      expect(backend.metric('vigil_rum_sessions')).toBe(1);
      expect(backend.metric('vigil_rum_error_sessions')).toBe(1);
      expect(backend.metric('vigil_rum_exceptions')).toBe(2);
      expect(
        backend.metric('vigil_rum_collector_requests', { outcome: 'accepted' }),
      ).toBe(2);

      const sessions = await backend.knex('rum_sessions').select();
      expect(sessions).toEqual([
        expect.objectContaining({
          user_hash:
            'b97698289f11066cbd01211728a5875019790c96768ec24fb2e9e88fbecec639',
          app_release: '1.4.0+3f2a1bc',
        }),
      ]);
      expect(await backend.knex('rum_error_groups').count({ n: '*' })).toEqual([
        { n: databaseId === 'SQLITE_3' ? 2 : '2' },
      ]);
    });

    it('counts an error session once however many exceptions it raises', async () => {
      const backend = await startBackend({ databaseId });
      const body = sdkPayload('faro-sdk-2');
      for (let i = 0; i < 3; i++) {
        expect((await backend.browser().send(body)).status).toBe(202);
      }
      expect(backend.metric('vigil_rum_error_sessions')).toBe(1);
      expect(backend.metric('vigil_rum_exceptions')).toBe(6);
    });

    it('refuses a body over the limit with 413, readable by the app (CORS)', async () => {
      const backend = await startBackend({
        databaseId,
        config: { rum: { collector: { maxPayloadBytes: 4096 } } },
      });
      const body = sdkPayload('faro-sdk-2');
      body.logs = Array.from({ length: 50 }, (_, i) => ({
        message: `console line ${i} ${'x'.repeat(100)}`,
        level: 'info',
        timestamp: '2026-12-01T13:00:00.000Z',
      }));
      const res = await backend.browser().send(body);
      expect(res.status).toBe(413);
      expectConforms('POST /collect', res);
      expect(res.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      expect(
        backend.metric('vigil_rum_collector_requests', {
          outcome: 'too_large',
        }),
      ).toBe(1);
    });

    it.each([
      ['not JSON', '{"meta": {', /JSON|parse/i],
      ['no meta', { events: [] }, /meta/],
      [
        'exceptions not a list',
        { meta: {}, exceptions: { type: 'Error' } },
        /exceptions/,
      ],
      [
        'a measurement value not a number',
        {
          meta: {},
          measurements: [
            { type: 'web-vitals', values: { lcp: 'slow' }, timestamp: 'x' },
          ],
        },
        /measurements\[0\]\.values\.lcp: Expected number/,
      ],
      [
        'an exception without its value',
        {
          meta: {},
          exceptions: [{ type: 'Error', timestamp: '2026-12-01T13:00:00Z' }],
        },
        /exceptions\[0\]\.value: is required/,
      ],
    ])(
      'refuses a malformed payload (%s) with 400 naming the problem',
      async (_name, body, message) => {
        const backend = await startBackend({ databaseId });
        const res = await backend
          .browser()
          .send(typeof body === 'string' ? body : JSON.stringify(body));
        expect(res.status).toBe(400);
        expectConforms('POST /collect', res);
        expect(res.body.error.message).toMatch(message);
        expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
      },
    );

    it('limits each client: 429 with Retry-After past the burst', async () => {
      const backend = await startBackend({
        databaseId,
        config: {
          rum: { collector: { rateLimit: { perMinute: 6, burst: 2 } } },
        },
      });
      const body = sdkPayload('faro-sdk-1');
      expect((await backend.browser().send(body)).status).toBe(202);
      expect((await backend.browser().send(body)).status).toBe(202);
      const limited = await backend.browser().send(body);
      expect(limited.status).toBe(429);
      expectConforms('POST /collect', limited);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.headers['access-control-expose-headers']).toMatch(
        /Retry-After/,
      );
      expect(
        backend.metric('vigil_rum_collector_requests', {
          outcome: 'rate_limited',
        }),
      ).toBe(1);
    });

    it('answers the CORS preflight for the app origin only', async () => {
      const backend = await startBackend({ databaseId });
      const ok = await request(backend.server)
        .options('/api/rum/collect')
        .set('origin', APP_ORIGIN)
        .set('access-control-request-method', 'POST')
        .set(
          'access-control-request-headers',
          'content-type,x-faro-session-id',
        );
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      expect(ok.headers['access-control-allow-methods']).toMatch(/POST/);
      expect(ok.headers['access-control-allow-headers']).toMatch(
        /X-Faro-Session-Id/i,
      );
      const other = await request(backend.server)
        .options('/api/rum/collect')
        .set('origin', 'https://evil.example.com')
        .set('access-control-request-method', 'POST');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('needs the app key when one is configured (401), and nothing else', async () => {
      const backend = await startBackend({
        databaseId,
        config: { rum: { collector: { apiKey: 'vigil-faro-key' } } },
      });
      const body = sdkPayload('faro-sdk-1');
      const without = await backend.browser().send(body);
      expect(without.status).toBe(401);
      expectConforms('POST /collect', without);
      expect(
        (await backend.browser().set('x-api-key', 'wrong-key-----').send(body))
          .status,
      ).toBe(401);
      expect(
        (await backend.browser().set('x-api-key', 'vigil-faro-key').send(body))
          .status,
      ).toBe(202);
    });

    it('opens only /collect without a token', async () => {
      const backend = await startBackend({ databaseId });
      expect((await backend.anonymous.get('/errors')).status).toBe(401);
      expect((await backend.anonymous.get('/usage')).status).toBe(401);
    });
  },
);
