/*
 * The root HTTP router: Backstage's default middleware order (helmet, cors,
 * compression, request log, rate limit, routes, not found, errors) with
 * three changes:
 * - health probes answer before the rate limiter (an orchestrator's probe
 *   must never see a 429);
 * - the Alertmanager webhook has its own bucket
 *   (backend.rateLimit.plugin.alertmanager-webhook, same store, own key
 *   prefix) and is skipped by the users' global one, so an alert storm cannot
 *   lock users out and users cannot starve the webhook;
 * - errors answer without a stack in every mode. Backstage's error
 *   middleware (here and in every plugin's httpRouter) shows stacks when
 *   NODE_ENV=development, as `backstage-cli package start` sets it, and puts
 *   a 500's message (SQL included) in the body. Errors reaching this router
 *   are answered by errorHandler; error bodies a plugin's own handler sends
 *   are rewritten on their way out (errorBodies): 5xx, and 4xx whose
 *   message names SQL or a server path, say only a generic message and a
 *   request id; the detail goes to the log under that id.
 * - while the backend starts, a request no mounted route took answers 503
 *   with Retry-After instead of 404 (startingUp).
 */
import {
  type RootHttpRouterConfigureContext,
  rootHttpRouterServiceFactory as defaultRootHttpRouterServiceFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import { createRateLimitMiddleware } from '@backstage/backend-defaults/httpRouter';
import {
  logRequestContextMiddleware,
  rootErrorBody,
  sanitizeErrorResponseBody,
} from '@vigil/backend-kit';
import { homedir } from 'os';
import { resolve } from 'path';

type Middleware = RootHttpRouterConfigureContext['middleware'];
type RequestHandler = ReturnType<Middleware['rateLimit']>;
type ErrorRequestHandler = ReturnType<Middleware['error']>;

/** The incidents plugin's Alertmanager webhook (plugins/incidents-backend). */
export const ALERTMANAGER_WEBHOOK_PATH = '/api/incidents/alertmanager/webhook';
/** Its bucket: `backend.rateLimit.plugin.<this>`. */
export const ALERTMANAGER_WEBHOOK_BUCKET = 'alertmanager-webhook';

/** Express matches routes case-insensitively and with a trailing slash. */
export function isAlertmanagerWebhook(path: string): boolean {
  return path.replace(/\/+$/, '').toLowerCase() === ALERTMANAGER_WEBHOOK_PATH;
}

/** The users' limiter for everything but the webhook, the webhook's for it. */
export function rateLimits(
  context: Pick<RootHttpRouterConfigureContext, 'middleware' | 'config'>,
): RequestHandler {
  const users = context.middleware.rateLimit();
  const webhook = createRateLimitMiddleware({
    pluginId: ALERTMANAGER_WEBHOOK_BUCKET,
    config: context.config,
  });
  return (req, res, next) =>
    isAlertmanagerWebhook(req.path)
      ? webhook(req, res, next)
      : users(req, res, next);
}

// Directories whose paths never reach a response body.
const serverRoots = () =>
  [process.cwd(), resolve(process.cwd(), '../..'), homedir()].filter(
    root => root.length > 1 && root !== '/',
  );

/** Rewrites the error bodies plugins' own error handlers send (res.json). */
export function errorBodies(
  context: Pick<RootHttpRouterConfigureContext, 'logger'>,
): RequestHandler {
  const logger = context.logger.child({ type: 'errorHandler' });
  const roots = serverRoots();
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = body =>
      json(
        sanitizeErrorResponseBody(
          body,
          res.statusCode,
          { method: req.method, url: req.originalUrl ?? req.url },
          { logger, roots },
        ),
      );
    next();
  };
}

/** Errors in Backstage's body shape, never with a stack, SQL or a path. */
export function errorHandler(
  context: Pick<RootHttpRouterConfigureContext, 'logger'>,
): ErrorRequestHandler {
  const logger = context.logger.child({ type: 'errorHandler' });
  const roots = serverRoots();
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, body } = rootErrorBody(
      error,
      { method: req.method, url: req.originalUrl ?? req.url },
      { logger, roots },
    );
    res.status(status).json(body);
  };
}

/**
 * The server listens before every plugin has mounted its routes, so after a
 * restart a request for a plugin still starting would get a 404, which
 * senders such as Alertmanager take as final and drop (the crash benchmark
 * lost 245 notifications that way on PostgreSQL). Until the root lifecycle's
 * startup hooks ran, an /api/ request that no route took answers 503 with
 * Retry-After: senders retry it. Afterwards the usual 404.
 */
export function startingUp(
  lifecycle: Pick<
    RootHttpRouterConfigureContext['lifecycle'],
    'addStartupHook'
  >,
): RequestHandler {
  let started = false;
  lifecycle.addStartupHook(() => {
    started = true;
  });
  return (req, res, next) => {
    if (started || !req.path.startsWith('/api/')) {
      next();
      return;
    }
    res.setHeader('retry-after', '1');
    res.status(503).json({
      error: {
        name: 'ServiceUnavailableError',
        message: 'The backend is starting; retry shortly',
      },
      request: { method: req.method, url: req.originalUrl ?? req.url },
      response: { statusCode: 503 },
    });
  };
}

// backend.server.* as the default reads them, in milliseconds.
const SERVER_SETTINGS = [
  'headersTimeout',
  'requestTimeout',
  'keepAliveTimeout',
  'timeout',
  'maxHeadersCount',
  'maxRequestsPerSocket',
] as const;

export function configure(context: RootHttpRouterConfigureContext): void {
  const { app, server, config, middleware, routes, healthRouter, lifecycle } =
    context;
  if (process.env.NODE_ENV === 'development') {
    app.set('json spaces', 2);
  }
  // Production behind a reverse proxy: backend.trustProxy names it (see
  // app-config.production.yaml), so req.ip is the client, not the proxy.
  const trustProxy = config.getOptional('backend.trustProxy');
  if (trustProxy !== undefined) {
    app.set('trust proxy', trustProxy);
  }
  for (const key of SERVER_SETTINGS) {
    const value = config.getOptionalNumber(`backend.server.${key}`);
    if (value !== undefined) server[key] = value;
  }
  // Request id (x-request-id, echoed) and trace context on every line the
  // request logs to the JSON log file.
  app.use(logRequestContextMiddleware());
  app.use(middleware.helmet());
  app.use(middleware.cors());
  app.use(middleware.compression());
  app.use(middleware.logging());
  app.use(errorBodies(context));
  app.use(healthRouter);
  app.use(rateLimits(context));
  app.use(routes);
  app.use(startingUp(lifecycle));
  app.use(middleware.notFound());
  app.use(errorHandler(context));
}

export const rootHttpRouterServiceFactory = defaultRootHttpRouterServiceFactory(
  { configure },
);
