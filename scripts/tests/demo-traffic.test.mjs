import assert from 'node:assert/strict';
import http from 'node:http';
import test from 'node:test';
import {
  demoRequest,
  demoTrafficEnabled,
  startDemoTraffic,
} from '../lib/demo-traffic.mjs';

/** A deterministic [0, 1) sequence (a small LCG), so the mix is checkable. */
function seeded(seed = 42) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

test('the mix is mostly scoring, some look-ups, a few client errors', () => {
  const random = seeded();
  const counts = { score: 0, features: 0, invalid: 0 };
  for (let n = 0; n < 10_000; n++) {
    const r = demoRequest(n, random);
    if (r.path.startsWith('/v1/features/')) counts.features++;
    else if (r.body.amount < 0) counts.invalid++;
    else counts.score++;
  }
  assert.ok(
    counts.score > 7_500 && counts.score < 8_500,
    JSON.stringify(counts),
  );
  assert.ok(
    counts.features > 1_200 && counts.features < 1_800,
    JSON.stringify(counts),
  );
  assert.ok(
    counts.invalid > 300 && counts.invalid < 700,
    JSON.stringify(counts),
  );
});

test('scoring requests are valid for the scoring API', () => {
  const random = seeded(7);
  for (let n = 0; n < 1000; n++) {
    const r = demoRequest(n, random);
    if (r.method !== 'POST' || r.body.amount < 0) continue;
    assert.match(r.body.customerId, /^c-\d{5}$/);
    assert.ok(r.body.amount >= 5 && r.body.amount <= 500);
    assert.match(r.body.currency, /^[A-Z]{3}$/);
  }
});

test('sends a steady few requests a second and stops when told', async () => {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.end('{}'));
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const traffic = startDemoTraffic({
    baseUrl: `http://127.0.0.1:${port}`,
    ratePerSecond: 20,
  });
  const started = Date.now();
  await new Promise(r => setTimeout(r, 1000));
  traffic.stop();
  const atStop = seen.length;
  // Bounded by the time that really passed: a loaded machine delays timers,
  // so the floor is loose and the ceiling is what matters (no flood).
  const allowed = Math.ceil((20 * (Date.now() - started)) / 1000) + 2;
  await new Promise(r => setTimeout(r, 300));
  server.close();
  assert.ok(
    atStop >= 5 && atStop <= allowed,
    `${atStop} requests at 20/s, at most ${allowed}`,
  );
  assert.ok(seen.length <= atStop + 1, 'no requests after stop');
  assert.ok(seen.some(s => s.startsWith('POST /v1/score')));
  assert.equal(traffic.stats.failed, 0);
});

test('failures are counted, not thrown', async () => {
  const traffic = startDemoTraffic({
    baseUrl: 'http://127.0.0.1:9', // discard port: nothing listens
    ratePerSecond: 10,
  });
  await new Promise(r => setTimeout(r, 500));
  traffic.stop();
  await new Promise(r => setTimeout(r, 200));
  assert.ok(traffic.stats.failed > 0);
});

test('on by default; off with --no-demo-traffic or VIGIL_DEMO_TRAFFIC=0', () => {
  assert.equal(demoTrafficEnabled([], {}), true);
  assert.equal(demoTrafficEnabled(['--no-demo-traffic'], {}), false);
  assert.equal(demoTrafficEnabled([], { VIGIL_DEMO_TRAFFIC: '0' }), false);
  assert.equal(demoTrafficEnabled([], { VIGIL_DEMO_TRAFFIC: 'off' }), false);
  assert.equal(demoTrafficEnabled([], { VIGIL_DEMO_TRAFFIC: '1' }), true);
});
