import express from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { SandboxServiceDefinition } from './catalog';
import { describeZodError, HttpError } from './errors';
import { faultSettingsSchema, SandboxFaults } from './faults';
import type { SandboxMetrics } from './metrics';

/** What happened to the sandbox's Prometheus history on reset. @public */
export interface HistoryReset {
  /** True when the sandbox's series were deleted. */
  deleted: boolean;
  /** One sentence: what was deleted, or why nothing was. */
  detail: string;
}

/** The traffic generator's state, as GET /admin/services shows it. @public */
export interface TrafficStatus {
  running: boolean;
  /** Requests a second to each service. */
  requestsPerSecond: number;
  sent: number;
  failed: number;
}

/** Constant time, length included: both sides are hashed to equal sizes first. */
function tokensMatch(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return given !== '' && timingSafeEqual(digest(given), digest(expected));
}

/**
 * The admin API the sandbox plugin's backend calls (bearer token
 * VIGIL_SANDBOX_ADMIN_TOKEN):
 *   GET  /admin/services                 every service and its faults
 *   PUT  /admin/services/{name}/faults   { errorRate 0..1, latencyMs 0..10000 }
 *   POST /admin/reset                    faults off, Prometheus history deleted
 */
export function createAdminRouter(options: {
  services: readonly SandboxServiceDefinition[];
  faults: SandboxFaults;
  metrics: SandboxMetrics;
  adminToken: string;
  resetHistory?: () => Promise<HistoryReset>;
  traffic?: () => TrafficStatus | undefined;
  log: (message: string) => void;
}): express.Router {
  const { services, faults, metrics, adminToken, log } = options;
  if (!adminToken) throw new Error('the sandbox admin API needs a token');
  const router = express.Router();

  router.use((req, res, next) => {
    // A page in a browser never drives faults (CSRF, DNS rebinding).
    if (req.get('sec-fetch-site') === 'cross-site') {
      next(new HttpError(403, 'admin routes refuse cross-site requests'));
      return;
    }
    const header = req.get('authorization') ?? '';
    const token = /^Bearer /i.test(header) ? header.slice(7).trim() : '';
    if (!tokensMatch(token, adminToken)) {
      res.set('WWW-Authenticate', 'Bearer realm="vigil sandbox admin"');
      next(
        new HttpError(
          401,
          'admin routes need "Authorization: Bearer <VIGIL_SANDBOX_ADMIN_TOKEN>" (./vigil start --sandbox writes it to .data/sandbox-admin-token)',
        ),
      );
      return;
    }
    next();
  });
  router.use(express.json({ limit: '4kb' }));

  const describe = (service: SandboxServiceDefinition) => ({
    name: service.name,
    title: service.title,
    entityRef: service.entityRef,
    alertService: service.alertService,
    routes: service.routes.map(r => `${r.method} /${service.name}${r.path}`),
    faults: faults.current(service.name),
  });
  const serviceNamed = (name: string) => {
    const service = services.find(s => s.name === name);
    if (!service) {
      throw new HttpError(
        404,
        `no sandbox service ${JSON.stringify(name)}; one of ${services
          .map(s => s.name)
          .join(', ')}`,
      );
    }
    return service;
  };
  const overview = () => ({
    services: services.map(describe),
    traffic: options.traffic?.() ?? null,
  });

  router.get('/services', (_req, res) => {
    res.json(overview());
  });

  router.get('/services/:name', (req, res) => {
    res.json(describe(serviceNamed(req.params.name)));
  });

  router.put('/services/:name/faults', (req, res) => {
    const service = serviceNamed(req.params.name);
    if (!req.is('application/json')) {
      throw new HttpError(
        415,
        'send the faults as JSON (Content-Type: application/json), e.g. {"errorRate":0.5,"latencyMs":0}',
      );
    }
    const parsed = faultSettingsSchema.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(
        400,
        `invalid faults: ${describeZodError(
          parsed.error,
        )}; expected {"errorRate": 0 to 1, "latencyMs": 0 to 10000}`,
      );
    }
    const current = faults.set(service.name, parsed.data);
    metrics.recordFaults(service.alertService, current);
    log(`faults of ${service.name} set to ${JSON.stringify(current)}`);
    res.json(describe(service));
  });

  router.post('/reset', async (_req, res, next) => {
    try {
      faults.clear();
      for (const service of services) {
        metrics.recordFaults(
          service.alertService,
          faults.current(service.name),
        );
      }
      const history: HistoryReset = options.resetHistory
        ? await options.resetHistory()
        : { deleted: false, detail: 'no Prometheus configured' };
      log(`reset: every fault off; Prometheus history: ${history.detail}`);
      res.json({ ...overview(), prometheus: history });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
