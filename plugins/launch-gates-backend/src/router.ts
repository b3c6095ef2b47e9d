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
import { registerDecisionRoutes } from './routes/decisions';
import { registerReportRoutes } from './routes/reports';
import { registerReviewRoutes } from './routes/reviews';
import { registerTemplateRoutes } from './routes/templates';
import type { LaunchGatesServices, RouteContext } from './routes/util';
import { spec } from './schema/openapi.generated';

export interface RouterOptions extends LaunchGatesServices {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger: LoggerService;
}

/**
 * The HTTP API (openapi.yaml). Every request is checked against the
 * document before the routes run; the routes then parse with the zod
 * schemas of launch-gates-common, get credentials and call a service,
 * which checks permissions, visibility and the people the review names.
 * Errors are answered in Backstage's shape; unexpected ones (SQL, stacks)
 * only go to the log, under a reference the body names.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger } = options;
  const errors = createErrorResponder({
    serviceName: 'launch-gates backend',
    logger,
    spec,
  });

  // Credentials are httpAuth's business (a 401), not the validator's.
  // Attachments travel base64 in JSON: 2 MiB of file is under 3 MB of body.
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [express.json({ limit: '3mb' }), keepRawQuery],
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
    templates: options.templates,
    reviews: options.reviews,
    decisions: options.decisions,
    reports: options.reports,
    authorizer: options.authorizer,
    credentialsOf: req =>
      httpAuth.credentials(req, { allow: ['user', 'service'] }),
    audited: createAudited(options.auditor),
  };
  registerTemplateRoutes(context);
  registerReviewRoutes(context);
  registerDecisionRoutes(context);
  registerReportRoutes(context);

  router.use(errors.middleware);
  return router;
}
