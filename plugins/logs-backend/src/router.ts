import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { createErrorResponder, keepRawQuery } from '@vigil/backend-kit';
import express from 'express';
import { registerLineRoutes } from './routes/lines';
import { spec } from './schema/openapi.generated';
import type { LogsService } from './service/LogsService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  logs: Pick<LogsService, 'search' | 'tail'>;
}

/**
 * The HTTP API (openapi.yaml). Every request is checked against the
 * document before the routes run; the routes parse with the zod schemas of
 * logs-common, get credentials and call the service, which checks that the
 * caller may read the entity. Errors are answered in Backstage's shape;
 * unexpected ones (SQL, stacks) only go to the log.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger } = options;
  const errors = createErrorResponder({
    serviceName: 'logs backend',
    logger,
    spec,
  });
  // Credentials are httpAuth's business (a 401), not the validator's.
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [keepRawQuery],
    validatorOptions: {
      validateSecurity: false,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  registerLineRoutes({
    router,
    logs: options.logs,
    credentialsOf: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
  });
  router.use(errors.middleware);
  return router;
}
