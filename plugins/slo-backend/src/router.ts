import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, isError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  clarifyValidationMessage,
  keepRawQuery,
  parse,
  rawQuery,
} from '@vigil/backend-kit';
import {
  namespacePurgeRequestSchema,
  SANDBOX_LISTINGS,
} from '@vigil/backstage-plugin-sandbox-common';
import express from 'express';
import { z } from 'zod';
import { queryInteger } from '@vigil/common-kit';
import { sloSpecsRefreshPermission } from './permissions';
import { spec } from './schema/openapi.generated';
import type { SloService } from './service/SloService';
import type { SpecRefresher } from './service/SpecRefresher';
import { SLO_STATUS_VALUES, SloStatusValue } from './service/types';

const DAY_MS = 86_400_000;
/** Far beyond any SLO count, and far below what a database can page to. */
export const MAX_OFFSET = 1_000_000;

/**
 * Text of 1 to `max` characters without NUL, which PostgreSQL can neither
 * store nor compare (it would fail the query, not match nothing).
 */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(value => !value.includes('\0'), 'must not contain NUL characters');

const listQuerySchema = z
  .object({
    owner: text(200).optional(),
    system: text(200).optional(),
    lifecycle: text(100).optional(),
    status: z
      .enum(SLO_STATUS_VALUES as [SloStatusValue, ...SloStatusValue[]])
      .optional(),
    q: text(200).optional(),
    sandbox: z.enum(SANDBOX_LISTINGS).default('include'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: queryInteger(1, 500, 50),
    offset: queryInteger(0, MAX_OFFSET, 0),
  })
  .strict();

/** openapi.yaml's DateTime: seconds and a time zone are required. */
const dateTime = z.string().datetime({ offset: true }).regex(
  // The pattern is openapi.yaml's, a constant of this package.
  // eslint-disable-next-line security/detect-non-literal-regexp
  new RegExp(spec.components.schemas.DateTime.pattern),
  'must be a date-time with a time zone, e.g. 2026-06-01T00:00:00Z',
);

const historyQuerySchema = z
  .object({
    from: dateTime.optional(),
    to: dateTime.optional(),
    limit: queryInteger(1, 50_000, 20_000),
    // Buckets the history is downsampled to (a chart's width); without it,
    // older clients still get the whole range, in at most ~3,000 points.
    points: queryInteger(10, 2_000, 1_000),
  })
  .strict();

const sloIdSchema = text(255);

const entityParamsSchema = z.object({
  kind: text(100),
  namespace: text(100),
  name: text(255),
});

const rulesQuerySchema = z
  .object({
    entityRef: text(400).optional(),
    format: z.enum(['json', 'yaml']).optional(),
  })
  .strict();

/** Routes without query parameters still refuse unknown ones. */
const noQuerySchema = z.object({}).strict();

/** A full entity ref; the default kind or namespace is not guessed. */
function parseFullEntityRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch (error) {
    throw new InputError(
      `Invalid entityRef ${JSON.stringify(ref)}: ${(error as Error).message}`,
    );
  }
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  sloService: SloService;
  refresher: SpecRefresher;
  /** Where unexpected errors are logged (their details never go to clients). */
  logger?: LoggerService;
  now?: () => number;
}

/** Status codes of the errors the routes throw on purpose. */
const KNOWN_ERRORS: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/**
 * Answers every error of the API in Backstage's error shape, but never with
 * a stack trace, and unexpected errors (a database error carries its SQL
 * statement in its message) only with a generic message; they are logged.
 */
function errorHandler(logger?: LoggerService): express.ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let statusCode = 500;
    let name = 'Error';
    let message = 'Internal error; the details have been logged';
    const httpStatus = (error as { status?: unknown; expose?: unknown })
      ?.status;
    if (isError(error) && KNOWN_ERRORS[error.name]) {
      statusCode = KNOWN_ERRORS[error.name];
      name = error.name;
      message =
        statusCode === 400
          ? clarifyValidationMessage(
              error.message,
              (req as { openapi?: { schema?: object } }).openapi?.schema,
              spec,
            )
          : error.message;
    } else if (
      // body-parser's own errors (malformed JSON, too large): safe to show.
      typeof httpStatus === 'number' &&
      httpStatus >= 400 &&
      httpStatus < 500 &&
      (error as { expose?: unknown }).expose === true
    ) {
      statusCode = httpStatus;
      name = 'InputError';
      message = (error as Error).message;
    } else {
      logger?.error(
        `Unexpected error in ${req.method} ${req.baseUrl}${req.path}`,
        isError(error) ? error : new Error(String(error)),
      );
    }
    res.status(statusCode).json({
      error: { name, message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode },
    });
  };
}

/** The HTTP API (openapi.yaml); thin: validation, auth, then the services. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, sloService, refresher } = options;
  const now = options.now ?? Date.now;
  // Parses JSON bodies and checks every request against openapi.yaml
  // (parameters, enums, limits, unknown query parameters) before the routes
  // run; the zod schemas below agree with it and give the clearer messages.
  // Credentials are httpAuth's business (a 401), not the validator's.
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [express.json(), keepRawQuery],
    validatorOptions: { validateSecurity: false },
  });

  const credentialsOf = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/slos', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listQuerySchema, rawQuery(req), 'query');
    res.json(await sloService.listSlos(credentials, query));
  });

  router.get('/slos/:sloId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const sloId = parse(sloIdSchema, req.params.sloId, 'SLO id');
    const query = parse(historyQuerySchema, rawQuery(req), 'query');
    const to = query.to ? Date.parse(query.to) : now();
    const from = query.from ? Date.parse(query.from) : to - 7 * DAY_MS;
    if (from > to) {
      throw new InputError(
        `Invalid query: from (${new Date(
          from,
        ).toISOString()}) is after to (${new Date(to).toISOString()})`,
      );
    }
    res.json(
      await sloService.getSlo(credentials, sloId, {
        from,
        to,
        limit: query.limit,
        points: query.points,
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    const params = parse(entityParamsSchema, req.params, 'entity');
    const entityRef = stringifyEntityRef(params);
    res.json(await sloService.getEntitySlos(credentials, entityRef));
  });

  router.get('/rules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(rulesQuerySchema, rawQuery(req), 'query');
    const entityRef = query.entityRef && parseFullEntityRef(query.entityRef);
    const rules = await sloService.getRules(credentials, entityRef);
    const wantsYaml =
      query.format === 'yaml' ||
      (query.format === undefined &&
        req.accepts(['application/json', 'application/yaml']) ===
          'application/yaml');
    if (wantsYaml) {
      // The typed response covers the JSON body; YAML is sent as text.
      (res as express.Response).type('application/yaml').send(rules.yaml);
    } else {
      res.json({ groups: rules.groups });
    }
  });

  router.get('/status', async (req, res) => {
    await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    // Spread: an interface has no index signature the typed response needs.
    res.json({ ...(await sloService.getEvaluationStatus()) });
  });

  router.post('/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    const [decision] = await permissions.authorize(
      [{ permission: sloSpecsRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to refresh SLO specs (${sloSpecsRefreshPermission.name})`,
      );
    }
    const auditorEvent = await auditor.createEvent({
      eventId: 'specs-refresh',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const results = await refresher.refresh();
      const summary = {
        entities: results.length,
        slos: results.reduce((n, r) => n + r.definitions.length, 0),
        errors: results.reduce((n, r) => n + r.entity.errors.length, 0),
      };
      await auditorEvent.success({ meta: summary });
      res.json(summary);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  // The sandbox reset's purge: service credentials only (a user's token is
  // a 403), the sandbox namespace only (a 400 otherwise), audited.
  router.post('/purge', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    parse(noQuerySchema, rawQuery(req), 'query');
    const { namespace } = parse(
      namespacePurgeRequestSchema,
      req.body,
      'purge request',
    );
    const auditorEvent = await auditor.createEvent({
      eventId: 'namespace-purge',
      severityLevel: 'medium',
      request: req,
      meta: { namespace },
    });
    try {
      const result = await sloService.purgeHistory(namespace);
      await auditorEvent.success({ meta: { namespace, ...result } });
      res.json({ namespace, ...result });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.use(errorHandler(options.logger));
  return router;
}
