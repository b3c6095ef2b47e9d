import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createAudited,
  createErrorResponder,
  keepRawQuery,
  type ReadableEntitiesCache,
} from '@vigil/backend-kit';
import express from 'express';
import type { IncidentsBackendConfig } from './config';
import { registerActionItemRoutes } from './routes/actionItems';
import {
  registerAlertmanagerRoutes,
  WEBHOOK_PATH,
} from './routes/alertmanager';
import { registerIncidentRoutes } from './routes/incidents';
import { registerMetricsRoutes } from './routes/metrics';
import { registerPostmortemRoutes } from './routes/postmortems';
import { registerPurgeRoutes } from './routes/purge';
import type { RouteContext } from './routes/util';
import { spec } from './schema/openapi.generated';
import { AuthorizedIncidents } from './service/AuthorizedIncidents';
import type { IncidentsServices } from './service/createServices';
import type { EntityDirectory } from './service/EntityDirectory';
import type { IncidentsTelemetry } from './service/IncidentsTelemetry';

export { WEBHOOK_PATH } from './routes/alertmanager';

export interface RouterOptions {
  auth: Pick<AuthService, 'isPrincipal'>;
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

/** The webhook reads its own body (after authenticating, with its own limit). */
const isWebhook = (path: string) => path.split('?')[0].endsWith(WEBHOOK_PATH);

/**
 * The JSON body parser of every route but the webhook. Its errors are
 * answered here: the validator's error transformer would make every one a
 * plain 400 (a too large body is a 413).
 */
function jsonBodies(
  send: (req: express.Request, res: express.Response, error: Error) => void,
): express.RequestHandler {
  const json = express.json({ limit: '2mb' });
  return (req, res, next) => {
    if (isWebhook(req.path)) {
      next();
      return;
    }
    json(req, res, error => {
      if (error) send(req, res, error);
      else next();
    });
  };
}

/**
 * The HTTP API (openapi.yaml): every request is checked against it
 * (parameters, bodies, limits, unknown query parameters) before the routes
 * run; each area's routes (src/routes) then parse with the zod schemas, get
 * credentials, call the authorizer and the services, and respond; this
 * assembles them in order and answers every error.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, service: services } = options;
  // Every error answered here, in Backstage's error body shape; details of
  // unexpected ones (SQL, stacks) only in the log.
  const errors = createErrorResponder({
    serviceName: 'incidents backend',
    logger: options.logger,
    spec,
  });
  // Credentials are httpAuth's business (a 401), not the validator's. The
  // webhook is not checked against the document: it authenticates before
  // reading a (possibly large) body, and zod checks Alertmanager's payload.
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [
      jsonBodies((req, res, error) => errors.send(error, req, res)),
      keepRawQuery,
    ],
    validatorOptions: {
      validateSecurity: false,
      ignorePaths: isWebhook,
      // As @backstage/backend-openapi-utils sets them, plus every problem of
      // a request reported (a 400 names every bad field, as zod's do).
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  const context: RouteContext = {
    router,
    services,
    authorizer: new AuthorizedIncidents({
      auth: options.auth,
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

  // The webhook authenticates before reading a (possibly large) body, and has
  // its own body limit.
  registerAlertmanagerRoutes(context);
  registerIncidentRoutes(context);
  registerPostmortemRoutes(context);
  registerActionItemRoutes(context);
  registerMetricsRoutes(context);
  registerPurgeRoutes(context);

  router.use(errors.middleware);

  return router;
}
