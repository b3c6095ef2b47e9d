import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createErrorResponder,
  errorStatus,
  type HttpError,
  keepRawQuery,
} from '@vigil/backend-kit';
import express from 'express';
import type { RumBackendConfig } from './config';
import { registerCollectRoute } from './routes/collect';
import {
  collectorAdmission,
  collectorCors,
  COLLECT_PATH,
} from './routes/collectorGuards';
import { registerReadRoutes } from './routes/reads';
import { ClientRateLimiter } from './service/ClientRateLimiter';
import { spec } from './schema/openapi.generated';
import type { CollectorService } from './service/CollectorService';
import type { RumReadService } from './service/RumReadService';
import type { RumTelemetry } from './service/RumTelemetry';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  settings: RumBackendConfig;
  collector: CollectorService;
  reader: RumReadService;
  telemetry: RumTelemetry;
}

/**
 * The HTTP API (openapi.yaml), mounted after createCollectorGuards: every
 * request is checked against the document, and the routes parse with
 * rum-common's zod schemas. Errors are answered in Backstage's shape,
 * unexpected ones only logged.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger, settings, telemetry } = options;
  const errors = createErrorResponder({
    serviceName: 'RUM backend',
    logger,
    spec,
  });
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    // The collector's body was parsed by createCollectorGuards (its limit);
    // other routes take no body.
    middleware: [
      express.json({ limit: settings.maxPayloadBytes }),
      keepRawQuery,
    ],
    validatorOptions: {
      validateSecurity: false,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  const context = {
    router,
    collector: options.collector,
    reader: options.reader,
    telemetry,
    credentialsOf: (req: express.Request) =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
  };
  registerCollectRoute(context);
  registerReadRoutes(context);

  // The collector's refusals by the document or the schema, and failures.
  router.use(
    (
      error: unknown,
      req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if (req.path === COLLECT_PATH) {
        const status = errorStatus(error as HttpError);
        telemetry.request(status === 400 ? 'invalid' : 'failed');
      }
      next(error);
    },
  );
  router.use(errors.middleware);
  return router;
}

/**
 * What runs before the API for `/collect`, in a router of its own so that
 * its answers keep their status (the validated router turns every error of
 * its middleware into a 400): CORS, the rate limit (429) and the app key
 * (401) before the body is read, then the body with its limit (413) or a
 * JSON syntax error (400). Each refusal is counted.
 */
export function createCollectorGuards(options: {
  logger: LoggerService;
  settings: RumBackendConfig;
  telemetry: RumTelemetry;
}): express.Router {
  const { settings, telemetry } = options;
  const errors = createErrorResponder({
    serviceName: 'RUM backend',
    logger: options.logger,
    spec,
  });
  const guards = express.Router();
  guards.use(collectorCors(settings.allowedOrigins));
  guards.use(
    collectorAdmission({
      limiter: new ClientRateLimiter(settings.rateLimit),
      apiKey: settings.apiKey,
      telemetry,
    }),
  );
  guards.use(COLLECT_PATH, express.json({ limit: settings.maxPayloadBytes }));
  guards.use(
    (
      error: HttpError & { type?: string },
      req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      if (error?.type === 'entity.too.large') telemetry.request('too_large');
      else if (error?.type === 'entity.parse.failed') {
        telemetry.request('invalid');
      }
      errors.send(error, req, res);
    },
  );
  return guards;
}
