import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createAudited,
  createErrorResponder,
  keepRawQuery,
} from '@vigil/backend-kit';
import express from 'express';
import { registerCalendarRoutes } from './routes/calendars';
import { registerOnCallRoutes } from './routes/onCall';
import { registerPageRoutes } from './routes/pages';
import { registerPolicyRoutes } from './routes/policies';
import { registerScheduleRoutes } from './routes/schedules';
import type { RouteContext } from './routes/util';
import { spec } from './schema/openapi.generated';
import type { OnCallServices } from './service/createServices';
import { OnCallAuthorizer } from './service/OnCallAuthorizer';

/** The calendar feeds take no Backstage credentials: the token is one. */
export const CALENDAR_FEED_PATH = '/calendars';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  services: OnCallServices;
  now?: () => number;
}

/**
 * The HTTP API (openapi.yaml; the contract is /tmp/oncall/ROUTES.md). Every
 * request is checked against the document before the routes run; each
 * area's routes (src/routes) then parse with the zod schemas of
 * oncall-common, get credentials, check permissions and call the services.
 * Errors are answered in Backstage's shape; unexpected ones (SQL, stacks)
 * only go to the log, under a reference the body names.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger } = options;
  const errors = createErrorResponder({
    serviceName: 'on-call backend',
    logger,
    spec,
  });

  // Credentials are httpAuth's business (a 401), not the validator's.
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [express.json({ limit: '1mb' }), keepRawQuery],
    validatorOptions: {
      validateSecurity: false,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  const context: RouteContext = {
    router,
    services: options.services,
    authorizer: new OnCallAuthorizer(options.permissions),
    now: options.now ?? Date.now,
    credentialsOf: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
    audited: createAudited(options.auditor),
  };
  registerScheduleRoutes(context);
  registerOnCallRoutes(context);
  registerPolicyRoutes(context);
  registerPageRoutes(context);
  registerCalendarRoutes(context);

  router.use(errors.middleware);
  return router;
}
