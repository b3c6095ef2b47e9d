import express, { NextFunction, Request, Response } from 'express';
import { createAdminRouter, HistoryReset, TrafficStatus } from './admin';
import { SANDBOX_SERVICES, SandboxServiceDefinition } from './catalog';
import { errorHandler, HttpError } from './errors';
import { SandboxFaults } from './faults';
import { metricsOfService, SandboxMetrics } from './metrics';
import { jsonBody, syntheticHandlers } from './syntheticRoutes';

/** What the sandbox's HTTP app is built from; everything injectable for tests. */
export interface SandboxAppOptions {
  services?: readonly SandboxServiceDefinition[];
  faults: SandboxFaults;
  metrics: SandboxMetrics;
  /** Bearer token of the /admin routes (VIGIL_SANDBOX_ADMIN_TOKEN). */
  adminToken: string;
  /** Forgets the sandbox's history outside this process (POST /admin/reset). */
  resetHistory?: () => Promise<HistoryReset>;
  traffic?: () => TrafficStatus | undefined;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1): the simulated work's latency and which requests fail. */
  random?: () => number;
  log?: (message: string) => void;
}

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * The sandbox process's routes: each synthetic service under `/<name>/`
 * (`POST /checkout/v1/orders`), `/metrics` (`?service=<name>`: one service's
 * series and the process's), `/healthz` and the admin API (admin.ts).
 */
export function createApp(options: SandboxAppOptions): express.Express {
  const services = options.services ?? SANDBOX_SERVICES;
  const { faults, metrics } = options;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const handlers = syntheticHandlers();
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/metrics', async (req, res, next) => {
    try {
      const wanted = req.query.service;
      const service =
        wanted === undefined
          ? undefined
          : services.find(s => s.name === wanted);
      if (wanted !== undefined && !service) {
        throw new HttpError(
          400,
          `unknown service ${JSON.stringify(wanted)}; one of ${services
            .map(s => s.name)
            .join(', ')}`,
        );
      }
      const text = await metrics.registry.metrics();
      res.set('Content-Type', metrics.registry.contentType);
      res.send(service ? metricsOfService(text, service.alertService) : text);
    } catch (error) {
      next(error);
    }
  });

  for (const service of services) {
    const router = express.Router();
    // RED metrics by route template (bounded labels), then the injected
    // faults, then the simulated work: faults count against the SLO.
    const measure =
      (path: string) => (req: Request, res: Response, next: NextFunction) => {
        const started = process.hrtime.bigint();
        res.on('finish', () => {
          const labels = {
            service: service.alertService,
            route: path,
            method: req.method,
            status: String(res.statusCode),
          };
          metrics.httpRequests.inc(labels);
          metrics.httpDuration.observe(
            labels,
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        });
        next();
      };
    const injectFaults = async (
      _req: Request,
      _res: Response,
      next: NextFunction,
    ) => {
      const { latencyMs } = faults.current(service.name);
      if (latencyMs > 0) {
        metrics.injectedFaults.inc({
          service: service.alertService,
          kind: 'latency',
        });
        await sleep(latencyMs);
      }
      if (faults.shouldFail(service.name)) {
        metrics.injectedFaults.inc({
          service: service.alertService,
          kind: 'error',
        });
        next(new HttpError(500, `injected fault: ${service.name} failed`));
        return;
      }
      next();
    };
    for (const route of service.routes) {
      const handler = handlers.get(
        `${service.name} ${route.method} ${route.path}`,
      );
      if (!handler) {
        throw new Error(`no handler for ${service.name} ${route.path}`);
      }
      const method = route.method === 'GET' ? 'get' : 'post';
      router[method](
        route.path,
        measure(route.path),
        jsonBody,
        injectFaults,
        async (req, res, next) => {
          try {
            // A little simulated work, well under the latency objective.
            await sleep(5 + Math.floor(random() * 30));
            const { status, body } = handler(req);
            res.status(status).json(body);
          } catch (error) {
            next(error);
          }
        },
      );
    }
    app.use(`/${service.name}`, router);
  }

  app.use(
    '/admin',
    createAdminRouter({
      services,
      faults,
      metrics,
      adminToken: options.adminToken,
      resetHistory: options.resetHistory,
      traffic: options.traffic,
      log,
    }),
  );

  app.use((_req, _res, next) => {
    next(new HttpError(404, 'not found'));
  });
  app.use(
    errorHandler(error => log(`unexpected error: ${(error as Error).stack}`)),
  );
  return app;
}
