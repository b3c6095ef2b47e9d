import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { ReadableEntitiesCache } from '@vigil/backend-kit';
import { randomUUID } from 'crypto';
import express from 'express';
import Router from 'express-promise-router';
import type { IncidentsBackendConfig } from './config';
import { registerActionItemRoutes } from './routes/actionItems';
import { registerAlertmanagerRoutes } from './routes/alertmanager';
import { registerIncidentRoutes } from './routes/incidents';
import { registerMetricsRoutes } from './routes/metrics';
import { registerPostmortemRoutes } from './routes/postmortems';
import { createAudited, type RouteContext } from './routes/util';
import { AuthorizedIncidents } from './service/AuthorizedIncidents';
import type { IncidentsServices } from './service/createServices';
import type { EntityDirectory } from './service/EntityDirectory';
import type { IncidentsTelemetry } from './service/IncidentsTelemetry';

export { WEBHOOK_PATH } from './routes/alertmanager';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  userInfo: UserInfoService;
  logger: LoggerService;
  /** The domain services (createIncidentsServices). */
  service: IncidentsServices;
  directory: EntityDirectory;
  visibility: ReadableEntitiesCache;
  config: IncidentsBackendConfig;
  telemetry?: IncidentsTelemetry;
  now?: () => number;
}

/**
 * The HTTP API (openapi.yaml): each area's routes (src/routes) parse, get
 * credentials, call the authorizer and the services, and respond; this
 * assembles them in order and answers every error.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, service: services } = options;
  const router = Router();
  const context: RouteContext = {
    router,
    services,
    authorizer: new AuthorizedIncidents({
      permissions: options.permissions,
      userInfo: options.userInfo,
      directory: options.directory,
      visibility: options.visibility,
      incidents: services.incidents,
      postmortems: services.postmortems,
    }),
    httpAuth,
    logger: options.logger,
    config: options.config,
    telemetry: options.telemetry,
    now: options.now ?? Date.now,
    credentialsOf: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
    audited: createAudited(options.auditor),
  };

  // The webhook is declared first: it authenticates before reading a (possibly
  // large) body, and has its own body limit.
  registerAlertmanagerRoutes(context);
  router.use(express.json({ limit: '2mb' }));
  registerIncidentRoutes(context);
  registerPostmortemRoutes(context);
  registerActionItemRoutes(context);
  registerMetricsRoutes(context);

  // Every error answered here, in Backstage's error body shape: the client's
  // mistakes (4xx) with their message; anything else (a database error, a
  // bug) as a generic 500 whose details, SQL and stack included, go to the
  // log only, under a reference the body names.
  router.use(
    (
      error: Error & { type?: string; status?: unknown; statusCode?: unknown },
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (res.headersSent) {
        next(error);
        return;
      }
      let status = errorStatus(error);
      let name = error?.name ?? 'Error';
      let message = String(error?.message ?? error);
      if (error?.type === 'entity.parse.failed') {
        status = 400;
        name = InputError.name;
        message = `Request body is not valid JSON: ${message}`;
      } else if (error?.type === 'entity.too.large') {
        status = 413;
        name = InputError.name;
        message = `Request body is too large: ${message}`;
      } else if (status >= 500) {
        const reference = randomUUID();
        options.logger.error(
          `${req.method} ${req.originalUrl} failed (reference ${reference}): ${message}`,
          error,
        );
        name = 'Error';
        message = `The incidents backend could not complete the request; the cause is in its log (reference ${reference})`;
      }
      res.status(status).json({
        error: { name, message },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: status },
      });
    },
  );

  return router;
}

// Statuses of @backstage/errors' errors, by name.
const ERROR_STATUS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/** The HTTP status of an error: 4xx for the known client errors, otherwise 5xx. */
function errorStatus(error: {
  name?: string;
  status?: unknown;
  statusCode?: unknown;
}): number {
  for (const value of [error?.statusCode, error?.status]) {
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 400 &&
      value < 600
    ) {
      return value;
    }
  }
  return ERROR_STATUS[error?.name ?? ''] ?? 500;
}
