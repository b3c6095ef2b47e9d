import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createAudited,
  createErrorResponder,
  keepRawQuery,
} from '@vigil/backend-kit';
import express from 'express';
import { registerDeploymentRoutes } from './routes/deployments';
import { registerDoraRoutes } from './routes/dora';
import type { RouteContext } from './routes/util';
import { spec } from './schema/openapi.generated';
import type { DeploymentsService } from './service/DeploymentsService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger: LoggerService;
  deployments: DeploymentsService;
}

/**
 * The HTTP API (openapi.yaml). Every request is checked against the
 * document before the routes run; the routes then parse with the zod
 * schemas of deployments-common, get credentials and call the service,
 * which checks permissions and visibility. Errors are answered in
 * Backstage's shape; unexpected ones (SQL, stacks) only go to the log,
 * under a reference the body names.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger } = options;
  const errors = createErrorResponder({
    serviceName: 'deployments backend',
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
    deployments: options.deployments,
    credentialsOf: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
    audited: createAudited(options.auditor),
  };
  registerDeploymentRoutes(context);
  registerDoraRoutes(context);

  router.use(errors.middleware);
  return router;
}
