// Faro payloads shaped as the real SDK sends them: the bodies captured from
// @grafana/faro-web-sdk by plugins/rum's startRum.test.ts
// (plugins/rum-backend/src/__fixtures__/faro-sdk-*.json), varied over
// sessions, users, routes, web vital values and a pool of exceptions.
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../lib/process.mjs';
import { rngFrom } from '../lib/random.mjs';

const FIXTURES = path.join(root, 'plugins/rum-backend/src/__fixtures__');
const PAGES = [
  '/',
  '/catalog',
  '/catalog/default/component/scoring-api',
  '/catalog/default/component/scoring-api/health',
  '/catalog/default/component/scoring-api/logs',
  '/catalog/default/component/vigil/usage',
  '/incidents',
  '/incidents/3b241101-e2bb-4255-8caf-4136c566a962',
  '/slos',
  '/rum/errors',
  '/docs/default/component/vigil/runbooks/backend-down',
  '/not/a/route/42',
];
const MESSAGES = Array.from(
  { length: 20 },
  (_, i) => `Cannot read properties of undefined (reading 'field${i}')`,
);

/**
 * `count` JSON bodies (strings): every one a web-vitals batch (the five
 * vitals) and a route change; one in `errorEvery` also an exception.
 * Returns the bodies and how many measurements and exceptions they hold.
 */
export function makePayloads({ count, sessions, seed, errorEvery = 20 }) {
  const captured = JSON.parse(
    fs.readFileSync(path.join(FIXTURES, 'faro-sdk-2.json'), 'utf8'),
  );
  const [exception] = captured.exceptions;
  const random = rngFrom(seed);
  const pick = list => list[Math.floor(random() * list.length)];
  let measurements = 0;
  let exceptions = 0;
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const page = pick(PAGES);
    const url = `http://localhost:3000${page}`;
    const session = i % sessions;
    const now = new Date().toISOString();
    const vital = (name, value) => ({
      type: 'web-vitals',
      values: { [name]: value, delta: value },
      timestamp: now,
      context: {
        id: `v5-${i}-${name}`,
        rating: 'good',
        navigation_type: 'navigate',
      },
    });
    const body = {
      meta: {
        ...captured.meta,
        session: { id: `bench${String(session).padStart(5, '0')}` },
        user: { hash: (session % 200).toString(16).padStart(64, '0') },
        page: { url },
      },
      events: [
        {
          name: 'route_change',
          domain: 'browser',
          timestamp: now,
          attributes: { toUrl: url, toRoute: page },
        },
      ],
      measurements: [
        vital('lcp', 400 + random() * 4000),
        vital('fcp', 200 + random() * 2000),
        vital('ttfb', 20 + random() * 600),
        vital('inp', 16 + random() * 400),
        vital('cls', random() * 0.3),
      ],
    };
    measurements += body.measurements.length;
    if (i % errorEvery === 0) {
      body.exceptions = [
        { ...exception, value: pick(MESSAGES), timestamp: now },
      ];
      exceptions += 1;
    }
    bodies.push(JSON.stringify(body));
  }
  return { bodies, measurements, exceptions };
}
