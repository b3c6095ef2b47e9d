/**
 * The real Faro web SDK, started as the app starts it, with a transport
 * that keeps the bodies it would post: they must pass the collector's
 * schema (so an SDK upgrade that changes the payload fails here), URLs lose
 * their queries, the user is only a hash, and route changes are events.
 * With RUM_CAPTURE_FIXTURES=1 the bodies are written to rum-backend's
 * test fixtures (src/__fixtures__/faro-sdk-*.json), which its collector
 * tests post.
 */
import fs from 'node:fs';
import path from 'node:path';
import { webcrypto } from 'node:crypto';
import {
  BaseTransport,
  getTransportBody,
  type TransportBody,
  type TransportItem,
  VERSION,
} from '@grafana/faro-web-sdk';
import { faroPayloadSchema } from '@vigil/backstage-plugin-rum-common';
import { hashUserRef } from './hashUserRef';
import { startRum } from './startRum';

class CaptureTransport extends BaseTransport {
  readonly name = 'vigil-test:capture';
  readonly version = VERSION;
  readonly bodies: TransportBody[] = [];

  send(items: TransportItem | TransportItem[]) {
    this.bodies.push(getTransportBody(Array.isArray(items) ? items : [items]));
  }

  isBatched() {
    return true;
  }

  getIgnoreUrls() {
    return [];
  }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function throwFromRenderRow(): never {
  const row: { owner?: { id: string } } = {};
  return (row.owner as { id: string }).id as never;
}

describe('startRum with the real Faro SDK', () => {
  beforeAll(() => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto });
    }
    // jsdom has no Performance Timeline; browsers do (web-vitals reads it).
    if (typeof performance.getEntriesByType !== 'function') {
      Object.assign(performance, { getEntriesByType: () => [] });
    }
  });

  it('sends what the collector accepts: route changes, web vitals, errors, a hashed user', async () => {
    window.history.replaceState({}, '', '/catalog?filters[user]=alice');
    const capture = new CaptureTransport();
    const { faro, stop } = startRum({
      collectorUrl: 'http://localhost:7007/api/rum/collect',
      app: { name: 'vigil', version: '1.4.0+3f2a1bc', environment: 'test' },
      sampleRate: 1,
      transports: [capture],
    });
    const hash = await hashUserRef('user:default/Alice');
    faro.api.setUser({ hash });

    window.history.pushState(
      {},
      '',
      '/catalog/default/component/vigil/usage?x=1',
    );
    // What Faro's web-vitals instrumentation pushes (webVitalsWithAttribution.js).
    faro.api.pushMeasurement(
      {
        type: 'web-vitals',
        values: {
          lcp: 2480,
          delta: 2480,
          element_render_delay: 31.2,
          resource_load_delay: 0,
          resource_load_duration: 0,
          time_to_first_byte: 120.5,
        },
      },
      {
        context: {
          id: 'v5-1733060000000-1234567890',
          rating: 'good',
          navigation_type: 'navigate',
          navigation_entry_id: 'unknown',
          element: 'main > div.MuiGrid-root',
        },
      },
    );
    faro.api.pushMeasurement(
      { type: 'web-vitals', values: { cls: 0.04, delta: 0.04 } },
      {
        context: { id: 'v5-cls', rating: 'good', navigation_type: 'navigate' },
      },
    );
    try {
      throwFromRenderRow();
    } catch (error) {
      faro.api.pushError(error as Error);
    }
    // An uncaught error, through Faro's window.onerror handler.
    const uncaught = new RangeError('Invalid time value 1733060000000');
    // Chrome's message for it.
    window.onerror?.(
      `Uncaught RangeError: ${uncaught.message}`,
      'http://localhost/static/main.js',
      1,
      10,
      uncaught,
    );
    await sleep(600);
    stop();
    faro.pause();

    expect(capture.bodies.length).toBeGreaterThan(0);
    expect(capture.bodies.some(b => b.meta.user?.hash === hash)).toBe(true);
    for (const body of capture.bodies) {
      const parsed = faroPayloadSchema.safeParse(body);
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      // The hash is set once identity answers: earlier bodies have none.
      expect([undefined, JSON.stringify({ hash })]).toContain(
        body.meta.user && JSON.stringify(body.meta.user),
      );
      expect(body.meta.page?.url).not.toContain('?');
      expect(body.meta.app).toMatchObject({
        name: 'vigil',
        version: '1.4.0+3f2a1bc',
      });
      expect(body.meta.session?.id).toBeTruthy();
    }
    const all = (key: 'events' | 'measurements' | 'exceptions'): any[] =>
      capture.bodies.flatMap(b => (b[key] ?? []) as any[]);
    expect(all('events').filter(e => e.name === 'route_change')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          attributes: expect.objectContaining({
            toRoute: '/catalog/:namespace/:kind/:name/usage',
            toUrl: 'http://localhost/catalog/default/component/vigil/usage',
            fromRoute: '/catalog',
          }),
        }),
      ]),
    );
    expect(all('measurements').map(m => m.type)).toContain('web-vitals');
    // Both the pushed error and the uncaught one (whose type jsdom's
    // realms hide from Faro's isError; a browser's is RangeError).
    expect(all('exceptions')).toHaveLength(2);
    expect(all('exceptions')[0].type).toBe('TypeError');
    expect(all('exceptions')[0].stacktrace?.frames.length).toBeGreaterThan(0);

    if (process.env.RUM_CAPTURE_FIXTURES) {
      const dir = path.resolve(
        __dirname,
        '../../../rum-backend/src/__fixtures__',
      );
      fs.mkdirSync(dir, { recursive: true });
      capture.bodies.forEach((body, i) =>
        // rum-backend's fixture directory, numbered files.
        // eslint-disable-next-line security/detect-non-literal-fs-filename
        fs.writeFileSync(
          path.join(dir, `faro-sdk-${i + 1}.json`),
          `${JSON.stringify(body, null, 2)}\n`,
        ),
      );
    }
  });
});
