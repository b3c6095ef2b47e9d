import type {
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createErrorResponder,
  keepRawQuery,
  parse,
  rawQuery,
} from '@vigil/backend-kit';
import { HEALTH_RANGES } from '@vigil/backstage-plugin-service-health-common';
import express from 'express';
import { z } from 'zod';
import { spec } from './schema/openapi.generated';
import type { HealthService } from './service/HealthService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  logger: LoggerService;
  health: Pick<HealthService, 'getHealth'>;
}

const healthQuerySchema = z
  .object({ range: z.enum(HEALTH_RANGES).default('1h') })
  .strict();

/**
 * The HTTP API (openapi.yaml): every request is checked against the
 * document, then parsed with zod, then answered by the service as the
 * caller (a 404 for an entity they may not read). Errors are answered in
 * Backstage's shape; unexpected ones only go to the log.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger, health } = options;
  const errors = createErrorResponder({
    serviceName: 'service health backend',
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

  router.get('/entities/:kind/:namespace/:name/health', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parse(healthQuerySchema, rawQuery(req), 'query');
    const { kind, namespace, name } = req.params;
    const answer = await health.getHealth(
      { kind, namespace, name },
      query.range,
      credentials,
    );
    // -common's EntityHealth is the document's; router.test.ts checks real
    // answers against openapi.yaml.
    res.json(answer as never);
  });

  router.use(errors.middleware);
  return router;
}
