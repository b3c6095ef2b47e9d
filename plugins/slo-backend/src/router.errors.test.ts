import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  expectConforms,
  getOperation,
  testBackends,
} from './__testUtils__/backend';

const { startBackend, databases } = testBackends();

describe('the SLO API', () => {
  it.each(databases.eachSupportedId())(
    'rejects bad input with 400 naming what is wrong, on %s',
    async databaseId => {
      const { alice, server } = await startBackend({ databaseId });
      await alice.post('/refresh');
      const cases: Array<[string, RegExp]> = [
        ['/slos?limit=0', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=abc', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=501', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=1e2', /limit: must be an integer from 1 to 500/],
        ['/slos?limit=1&limit=2', /limit: must be an integer from 1 to 500/],
        ['/slos?status=great', /status.*ok.*warning.*breaching.*no-data/],
        ['/slos?sandbox=hide', /sandbox.*include.*exclude.*only/],
        ['/slos?offset=-1', /offset: must be an integer from 0 to 1000000/],
        [
          '/slos?offset=9223372036854775807',
          /offset: must be an integer from 0 to 1000000/,
        ],
        [
          '/slos?offset=1000001',
          /offset: must be an integer from 0 to 1000000/,
        ],
        ['/slos?colour=red', /colour/],
        ['/slos?q=abc%00', /q: must not contain NUL characters/],
        ['/slos?owner=%00', /owner: must not contain NUL characters/],
        ['/slos?q[a]=b', /q/],
        ['/slos/x?from=yesterday', /from/],
        ['/slos/x?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', /after/],
        ['/slos/x?limit=50001', /limit: must be an integer from 1 to 50000/],
        ['/slos/x?points=9', /points: must be an integer from 10 to 2000/],
        ['/slos/x?points=2001', /points: must be an integer from 10 to 2000/],
        ['/slos/x?points=1e3', /points: must be an integer from 10 to 2000/],
        ['/slos/x?colour=red', /colour/],
        ['/slos/checkout%00-availability', /must not contain NUL characters/],
        [
          '/entities/component/default/check%00out/slos',
          /name: must not contain NUL/,
        ],
        ['/entities/component/default/checkout/slos?colour=red', /colour/],
        ['/rules?entityRef=component:', /entityRef/],
        ['/rules?entityRef=component:default/a%00b', /must not contain NUL/],
        ['/rules?format=xml', /format/],
        ['/rules?colour=red', /colour/],
      ];
      for (const [url, message] of cases) {
        const res = await alice.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.error).toEqual({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
        expect(res.text).not.toMatch(/select|SQL|\n\s+at /i);
        expectConforms(getOperation(url), res);
      }
      const refresh = await request(server)
        .post('/api/slo/refresh?colour=red')
        .set(
          'authorization',
          mockCredentials.user.header('user:default/alice'),
        );
      expect(refresh.status).toBe(400);
      expect(refresh.body.error.message).toMatch(/colour/);
      expectConforms('POST /refresh', refresh);
      const malformed = await request(server)
        .post('/api/slo/refresh')
        .set('authorization', mockCredentials.user.header('user:default/alice'))
        .set('content-type', 'application/json')
        .send('{"oops":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.name).toBe('InputError');
      expect(malformed.text).not.toMatch(/\n\s+at /);
      // The largest allowed page is fine, just empty.
      const last = await alice.get('/slos?offset=1000000&limit=500');
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({ items: [], offset: 1000000 });
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'answers a database failure with a generic 500 on %s, without SQL or a stack trace',
    async databaseId => {
      const { alice, knex } = await startBackend({ databaseId });
      await alice.post('/refresh');
      await knex.schema.dropTable('slo_current_status');
      for (const url of ['/slos', '/slos/checkout-availability']) {
        const res = await alice.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 500 });
        expect(res.body.error).toEqual({
          name: 'Error',
          message: 'Internal error; the details have been logged',
        });
        expect(res.text).not.toMatch(
          /select|slo_current_status|sqlite|\n\s+at /i,
        );
      }
    },
    60_000,
  );
});
