import express, { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ZodError } from 'zod';
import type { BuildInfo } from './config';
import { FaultInjector, faultSettingsSchema } from './faults';
import {
  DEFAULT_ALLOWED_HOSTS,
  crossSiteBrowserRequest,
  hostAllowed,
} from './hostCheck';
import {
  FeatureStoreUnavailableError,
  InstrumentedFeatureStore,
} from './featureStore';
import { ServiceMetrics } from './metrics';
import { requestContextFrom } from './requestContext';
import {
  UNKNOWN_CUSTOMER,
  customerFeaturesSchema,
  scorePayment,
  scoreRequestSchema,
} from './scoring';

export interface AppDependencies {
  store: InstrumentedFeatureStore;
  metrics: ServiceMetrics;
  faults: FaultInjector;
  logger: Logger;
  /** Bearer token of the /admin routes; without one they are disabled (503). */
  adminToken?: string;
  /** Host header names accepted on /v1 and /admin (hostCheck.ts). */
  allowedHosts?: readonly string[];
  /** False once shutdown has begun, so load balancers stop sending traffic. */
  isAccepting: () => boolean;
  sleep?: (ms: number) => Promise<void>;
  /** The release answering (GET /version); defaults to an unnamed dev build. */
  build?: BuildInfo;
  /** Requests slower than this log "slow request" at warn (default 500). */
  slowRequestMs?: number;
  /** Called as each scoring request arrives (SCORING_FAULTS_AFTER_REQUESTS). */
  onScoringRequest?: () => void;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const defaultSleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

function describeZodError(error: ZodError): string {
  return error.issues
    .map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** The request's logger (its id and trace context on every line). */
const requestLog = (res: Response, fallback: Logger): Logger =>
  (res.locals.log as Logger | undefined) ?? fallback;

/** Constant time, length included: both sides are hashed to equal sizes first. */
function tokensMatch(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given !== '';
}

export function createApp(deps: AppDependencies): express.Express {
  const { store, metrics, faults, logger } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const app = express();
  app.disable('x-powered-by');

  const slowRequestMs = deps.slowRequestMs ?? 500;
  // Probes arrive every few seconds from the proxy: their lines are debug.
  const probeRoutes = new Set(['/healthz', '/readyz', '/metrics']);

  // Request id and trace context first, so every line a request logs (through
  // res.locals.log) carries them; then RED metrics and one structured line
  // per request, labelled by route template so cardinality stays bounded,
  // at warn ("slow request") when it took longer than slowRequestMs.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const context = requestContextFrom({
      requestId: req.get('x-request-id'),
      traceparent: req.get('traceparent'),
    });
    res.set('x-request-id', context.requestId);
    const log = logger.child({
      request_id: context.requestId,
      trace_id: context.traceId,
      span_id: context.spanId,
      ...(context.parentSpanId ? { parent_span_id: context.parentSpanId } : {}),
    });
    res.locals.log = log;
    res.on('finish', () => {
      const route: string = res.locals.route ?? 'unmatched';
      const labels = {
        route,
        method: req.method,
        status: String(res.statusCode),
      };
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      const fields = {
        ...labels,
        path: req.originalUrl.split('?')[0],
        durationMs: Math.round(seconds * 1000),
      };
      if (fields.durationMs > slowRequestMs) {
        log.warn({ ...fields, slowRequestMs }, 'slow request');
      } else if (probeRoutes.has(route)) {
        log.debug(fields, 'request');
      } else {
        log.info(fields, 'request');
      }
    });
    next();
  });

  // DNS rebinding: the business and admin routes answer only to the names
  // this service is addressed by. Probes and /metrics stay reachable by IP
  // (kubelets and scrapers address a pod so) and reveal no customer data.
  const allowedHosts = deps.allowedHosts ?? DEFAULT_ALLOWED_HOSTS;
  app.use(['/v1', '/admin'], (req, _res, next) => {
    next(
      hostAllowed(req.get('host'), allowedHosts, req.socket.localPort)
        ? undefined
        : new HttpError(
            421,
            `unexpected Host header; this service answers to ${allowedHosts.join(
              ', ',
            )} (SCORING_ALLOWED_HOSTS)`,
          ),
    );
  });

  app.use(express.json({ limit: '16kb' }));

  // First handler of every route: records the route template for the metrics
  // while req.baseUrl is still the mount path (error handlers see it reset).
  const labelRoute = (req: Request, res: Response, next: NextFunction) => {
    res.locals.route = `${req.baseUrl}${req.route.path}`;
    next();
  };

  app.get('/healthz', labelRoute, (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', labelRoute, async (_req, res) => {
    if (!deps.isAccepting()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await store.ping();
      res.json({ status: 'ready', featureStore: store.backend });
    } catch (error) {
      res.status(503).json({
        status: 'not ready',
        featureStore: store.backend,
        reason: (error as Error).message,
      });
    }
  });

  // Which release answers: the deploy CLI and operators check it through the
  // proxy; like /metrics it reveals no customer data and takes any Host.
  const build = deps.build ?? {
    version: 'dev',
    commit: 'unknown',
    color: 'none',
  };
  app.get('/version', labelRoute, (_req, res) => {
    res.json(build);
  });

  app.get('/metrics', labelRoute, async (_req, res, next) => {
    try {
      res.set('Content-Type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    } catch (error) {
      next(error);
    }
  });

  // Faults apply to the business API only, never to probes or metrics.
  const injectFaults = async (
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) => {
    const delay = faults.latencyFor();
    if (delay > 0) {
      metrics.faultsActive.inc({ kind: 'latency' });
      await sleep(delay);
    }
    if (faults.shouldFail()) {
      metrics.faultsActive.inc({ kind: 'error' });
      next(new HttpError(500, 'injected fault: scoring failed'));
      return;
    }
    next();
  };

  // Faults run inside each route (not router-wide) so injected errors are
  // labelled with the route template that SLOs query, not "unmatched".
  const api = express.Router();

  const countScoringRequest = (
    _req: Request,
    _res: Response,
    next: NextFunction,
  ) => {
    deps.onScoringRequest?.();
    next();
  };

  api.post(
    '/score',
    labelRoute,
    countScoringRequest,
    injectFaults,
    async (req, res, next) => {
      try {
        const parsed = scoreRequestSchema.safeParse(req.body);
        if (!parsed.success) {
          throw new HttpError(400, describeZodError(parsed.error));
        }
        const features =
          (await store.get(parsed.data.customerId)) ?? UNKNOWN_CUSTOMER;
        const result = scorePayment(parsed.data, features);
        metrics.decisions.inc({ decision: result.decision });
        res.json(result);
      } catch (error) {
        next(error);
      }
    },
  );

  api.get(
    '/features/:customerId',
    labelRoute,
    injectFaults,
    async (req, res, next) => {
      try {
        const features = await store.get(req.params.customerId);
        if (!features) {
          throw new HttpError(
            404,
            `no features for customer ${req.params.customerId}`,
          );
        }
        res.json({ customerId: req.params.customerId, features });
      } catch (error) {
        next(error);
      }
    },
  );

  app.use('/v1', api);

  const admin = express.Router();
  // Fault injection can take the service down: always behind a token, and
  // never from a page in a browser (a rebinding or CSRF attempt).
  admin.use((req, res, next) => {
    if (
      crossSiteBrowserRequest(
        req.get('sec-fetch-site'),
        req.get('origin'),
        allowedHosts,
        req.socket.localPort,
      )
    ) {
      next(new HttpError(403, 'admin routes refuse cross-site requests'));
      return;
    }
    if (!deps.adminToken) {
      next(
        new HttpError(
          503,
          'admin routes are disabled: set VIGIL_SCORING_ADMIN_TOKEN (./vigil start generates one into .data/scoring-admin-token)',
        ),
      );
      return;
    }
    const header = req.get('authorization') ?? '';
    const token = /^Bearer /i.test(header) ? header.slice(7).trim() : '';
    if (!tokensMatch(token, deps.adminToken)) {
      res.set('WWW-Authenticate', 'Bearer realm="scoring-api admin"');
      next(
        new HttpError(
          401,
          'admin routes need "Authorization: Bearer <VIGIL_SCORING_ADMIN_TOKEN>"',
        ),
      );
      return;
    }
    next();
  });

  admin.get('/faults', labelRoute, (_req, res) => {
    res.json(faults.current());
  });

  // PUT replaces the whole fault set; PATCH changes only the fields given.
  admin.put('/faults', labelRoute, (req, res, next) => {
    const parsed = faultSettingsSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      next(new HttpError(400, describeZodError(parsed.error)));
      return;
    }
    const current = faults.set(parsed.data);
    requestLog(res, logger).warn(
      { faults: current },
      'fault settings replaced',
    );
    res.json(current);
  });

  admin.patch('/faults', labelRoute, (req, res, next) => {
    const parsed = faultSettingsSchema.partial().safeParse(req.body ?? {});
    if (!parsed.success) {
      next(new HttpError(400, describeZodError(parsed.error)));
      return;
    }
    const patch = Object.fromEntries(
      Object.entries(parsed.data).filter(([, v]) => v !== undefined),
    );
    const current = faults.update(patch);
    requestLog(res, logger).warn({ faults: current }, 'fault settings changed');
    res.json(current);
  });

  admin.delete('/faults', labelRoute, (_req, res) => {
    const current = faults.clear();
    requestLog(res, logger).warn('fault settings cleared');
    res.json(current);
  });

  admin.put('/features/:customerId', labelRoute, async (req, res, next) => {
    try {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(req.params.customerId)) {
        throw new HttpError(
          400,
          'customerId must be 1-64 letters, digits, "_" or "-"',
        );
      }
      const parsed = customerFeaturesSchema.safeParse(req.body);
      if (!parsed.success) {
        throw new HttpError(400, describeZodError(parsed.error));
      }
      await store.put(req.params.customerId, parsed.data);
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  app.use('/admin', admin);

  app.use((_req, _res, next) => {
    next(new HttpError(404, 'not found'));
  });

  app.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof HttpError) {
        res.status(error.status).json({ error: error.message });
        return;
      }
      if (error instanceof FeatureStoreUnavailableError) {
        res.status(503).json({ error: error.message });
        return;
      }
      // body-parser marks its own client errors (bad JSON, too large).
      const status = (error as { status?: number }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        res.status(status).json({ error: (error as Error).message });
        return;
      }
      requestLog(res, logger).error({ err: error }, 'unhandled error');
      res.status(500).json({ error: 'internal error' });
    },
  );

  return app;
}
