import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * What the running platform exposes (README, Security > What is exposed):
 * every listener of the embedded default on loopback, the scoring API's admin
 * routes behind a token and the Host check, Prometheus without its admin and
 * lifecycle APIs.
 */

// The ports ./vigil start's processes listen on: backend, its metrics,
// scoring API (HAProxy in front, the blue and green instances, HAProxy's
// stats), Prometheus, Alertmanager, mail (SMTP and mailbox), the local
// OpenID Provider, the app's dev server (absent with --built-app).
const ports: Record<number, string> = {
  7007: 'backend',
  9464: 'backend metrics',
  8080: 'scoring API (HAProxy)',
  8081: 'scoring API, blue',
  8082: 'scoring API, green',
  8404: 'HAProxy stats and metrics',
  9090: 'Prometheus',
  9093: 'Alertmanager',
  1025: 'mail (SMTP)',
  8025: 'mail (mailbox)',
  7010: 'local OpenID Provider',
  3000: 'app dev server',
};
// Started in every configuration, so the check cannot pass on nothing.
const alwaysThere = [7007, 9464, 8080, 8404];

const root = path.resolve(__dirname, '../../..');
const adminToken = () =>
  process.env.VIGIL_SCORING_ADMIN_TOKEN ??
  fs.readFileSync(path.join(root, '.data/scoring-admin-token'), 'utf8').trim();

interface Listener {
  address: string;
  port: number;
}

/** The listening TCP sockets, from `ss -ltnH` ("127.0.0.1:7007", "[::1]:8080", "*:9094"). */
function listeners(): Listener[] {
  return execFileSync('ss', ['-ltnH'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(line => {
      const local = line.trim().split(/\s+/)[3];
      const at = local.lastIndexOf(':');
      return {
        address: local.slice(0, at).replace(/%.*$/, ''),
        port: Number(local.slice(at + 1)),
      };
    });
}

const loopback = ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]'];

/** A raw request, so the Host header is exactly what a rebinding page would send. */
function send(
  options: http.RequestOptions,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('every process of the embedded default listens on loopback only', () => {
  const all = listeners();
  const ours = all.filter(l => l.port in ports);
  for (const port of alwaysThere) {
    expect(
      ours.some(l => l.port === port),
      `${ports[port]} should listen on ${port}`,
    ).toBe(true);
  }
  const exposed = ours
    .filter(l => !loopback.includes(l.address))
    .map(l => `${ports[l.port]} on ${l.address}:${l.port}`);
  expect(exposed).toEqual([]);
  // Alertmanager's cluster (gossip) listener is off: nothing on 9094.
  expect(all.filter(l => l.port === 9094)).toEqual([]);
});

test.describe('the scoring API admin routes', () => {
  const base = { host: '127.0.0.1', port: 8080, path: '/admin/faults' };

  test('refuse a caller without the token', async () => {
    const res = await send(base);
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/VIGIL_SCORING_ADMIN_TOKEN/);
    const wrong = await send({
      ...base,
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.status).toBe(401);
  });

  test('answer with the token, but not under a foreign Host or to a web page', async () => {
    const authorization = `Bearer ${adminToken()}`;
    const ok = await send({ ...base, headers: { authorization } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toHaveProperty('errorRate');

    // DNS rebinding: evil.example resolves to 127.0.0.1 in the victim's
    // browser; its requests keep their own Host header.
    const rebound = await send({
      ...base,
      headers: { authorization, host: 'evil.example:8080' },
    });
    expect(rebound.status).toBe(421);
    const scoring = await send({
      ...base,
      path: '/v1/features/c-00001',
      headers: { host: 'evil.example:8080' },
    });
    expect(scoring.status).toBe(421);

    const crossSite = await send({
      ...base,
      headers: {
        authorization,
        origin: 'http://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(crossSite.status).toBe(403);

    // Prometheus and the demo traffic still reach it at 127.0.0.1:8080.
    expect((await send({ ...base, path: '/metrics' })).status).toBe(200);
    expect((await send({ ...base, path: '/v1/features/c-00001' })).status).toBe(
      200,
    );
  });
});

test('Prometheus has no lifecycle API, and an admin API only for the sandbox', async () => {
  // ./vigil test requires Prometheus (a Debian package it installs), so it
  // is always among the listeners here.
  expect(listeners().some(l => l.port === 9090)).toBe(true);
  // `./vigil start --sandbox` (as scripts/e2e.sh runs it) turns the admin
  // API on so that a sandbox reset can delete the sandbox's series; without
  // the sandbox it must be off.
  const sandbox = listeners().some(l => l.port === 8090);
  const snapshot = await send({
    host: '127.0.0.1',
    port: 9090,
    method: 'POST',
    path: '/api/v1/admin/tsdb/snapshot?skip_head=true',
  });
  if (sandbox) {
    expect(snapshot.status).toBe(200);
  } else {
    // Prometheus 2.42 answers 500 {"errorType":"unavailable","error":"admin
    // APIs disabled"}; never a snapshot.
    expect(snapshot.status).toBeGreaterThanOrEqual(400);
    expect(snapshot.body).toMatch(/admin APIs disabled/);
  }
  const quit = await send({
    host: '127.0.0.1',
    port: 9090,
    method: 'POST',
    path: '/-/quit',
  });
  expect(quit.status).toBe(403);
  // And it is still up.
  const ready = await send({ host: '127.0.0.1', port: 9090, path: '/-/ready' });
  expect(ready.status).toBe(200);
});
