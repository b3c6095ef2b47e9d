import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Ports this helper's test servers may use (issue 17's range for D2). */
const PORTS = Array.from({ length: 20 }, (_, i) => 7700 + i);

export const ADMIN_TOKEN = 'test-sandbox-admin-token';

export interface Received {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

/**
 * A real HTTP server standing in for the sandbox service's admin API (as
 * packages/sandbox-service answers it) and for the incidents and SLO
 * backends' endpoints the sandbox backend calls, on a port of this helper's
 * range. It records what it received.
 */
export async function startStandIn() {
  const faults = new Map<string, { errorRate: number; latencyMs: number }>([
    ['checkout', { errorRate: 0, latencyMs: 0 }],
    ['inventory', { errorRate: 0, latencyMs: 0 }],
  ]);
  const received: Received[] = [];
  const behaviour = { incidentsPurgeStatus: 200 };
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    received.push({
      method: req.method,
      path: req.path,
      authorization: req.get('authorization'),
      body: req.body,
    });
    next();
  });
  const describe = (name: string) => ({
    name,
    title: `${name} (sandbox)`,
    entityRef: `component:sandbox/${name}`,
    faults: faults.get(name),
  });
  const admin = express.Router();
  admin.use((req, res, next) => {
    if (req.get('authorization') !== `Bearer ${ADMIN_TOKEN}`) {
      res.status(401).json({ error: 'admin routes need a bearer token' });
      return;
    }
    next();
  });
  admin.get('/services', (_req, res) => {
    res.json({ services: [...faults.keys()].map(describe), traffic: null });
  });
  admin.put('/services/:name/faults', (req, res) => {
    if (!faults.has(req.params.name)) {
      res
        .status(404)
        .json({ error: `no sandbox service "${req.params.name}"` });
      return;
    }
    if (!req.is('application/json')) {
      res.status(415).json({ error: 'send the faults as JSON' });
      return;
    }
    faults.set(req.params.name, req.body);
    res.json(describe(req.params.name));
  });
  admin.post('/reset', (_req, res) => {
    for (const name of faults.keys()) {
      faults.set(name, { errorRate: 0, latencyMs: 0 });
    }
    res.json({
      services: [...faults.keys()].map(describe),
      prometheus: { deleted: true, detail: 'deleted the sandbox series' },
    });
  });
  app.use('/admin', admin);

  app.post('/api/incidents/purge', (_req, res) => {
    if (behaviour.incidentsPurgeStatus !== 200) {
      res.status(behaviour.incidentsPurgeStatus).json({
        error: { name: 'Error', message: 'database is down' },
      });
      return;
    }
    res.json({
      namespace: 'sandbox',
      incidents: 2,
      postmortems: 1,
      actionItems: 3,
    });
  });
  app.post('/api/slo/purge', (_req, res) => {
    res.json({ namespace: 'sandbox', evaluations: 40 });
  });
  app.get('/api/slo/entities/component/sandbox/checkout/slos', (_req, res) => {
    res.json({
      entityRef: 'component:sandbox/checkout',
      slos: [
        {
          sloId: 'sandbox-checkout-availability',
          name: 'availability',
          status: 'breaching',
          objectivePercent: 99.5,
          budgetRemaining: -0.2,
          burnRates: {},
        },
      ],
    });
  });
  // inventory has no SLO record yet: the SLO backend's 404.

  const server = await listenInRange(app);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    received,
    behaviour,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

async function listenInRange(app: express.Express): Promise<Server> {
  for (const port of PORTS) {
    const server = await new Promise<Server | undefined>(resolve => {
      const candidate = app.listen(port, '127.0.0.1');
      candidate.once('listening', () => resolve(candidate));
      candidate.once('error', () => resolve(undefined));
    });
    if (server) return server;
  }
  throw new Error(`no free port in ${PORTS[0]}-${PORTS[PORTS.length - 1]}`);
}

/** A port of the range nothing listens on while the test runs. */
export async function closedPort(): Promise<number> {
  const server = await listenInRange(express());
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}
