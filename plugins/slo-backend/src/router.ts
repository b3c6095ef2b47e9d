import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { sloSpecsRefreshPermission } from './permissions';
import type { SloService } from './service/SloService';
import type { SpecRefresher } from './service/SpecRefresher';
import { SLO_STATUS_VALUES, SloStatusValue } from './service/types';

const DAY_MS = 86_400_000;

const listQuerySchema = z
  .object({
    owner: z.string().min(1).max(200).optional(),
    system: z.string().min(1).max(200).optional(),
    lifecycle: z.string().min(1).max(100).optional(),
    status: z
      .enum(SLO_STATUS_VALUES as [SloStatusValue, ...SloStatusValue[]])
      .optional(),
    q: z.string().min(1).max(200).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const historyQuerySchema = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
  })
  .strict();

const sloIdSchema = z.string().min(1).max(255);

const entityParamsSchema = z.object({
  kind: z.string().min(1).max(100),
  namespace: z.string().min(1).max(100),
  name: z.string().min(1).max(255),
});

const rulesQuerySchema = z
  .object({
    entityRef: z.string().min(1).max(400).optional(),
    format: z.enum(['json', 'yaml']).optional(),
  })
  .strict();

/** Parses with zod; a failure is a 400 that names every bad field. */
function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map(issue =>
      issue.path.length > 0
        ? `${issue.path.join('.')}: ${issue.message}`
        : issue.message,
    );
    throw new InputError(`Invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}

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
  now?: () => number;
}

/** The HTTP API (openapi.yaml); thin: validation, auth, then the services. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, sloService, refresher } = options;
  const now = options.now ?? Date.now;
  const router = Router();
  router.use(express.json());

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/slos', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listQuerySchema, req.query, 'query');
    res.json(await sloService.listSlos(credentials, query));
  });

  router.get('/slos/:sloId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const sloId = parse(sloIdSchema, req.params.sloId, 'SLO id');
    const query = parse(historyQuerySchema, req.query, 'query');
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
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await credentialsOf(req);
    const params = parse(entityParamsSchema, req.params, 'entity');
    const entityRef = stringifyEntityRef(params);
    res.json(await sloService.getEntitySlos(credentials, entityRef));
  });

  router.get('/rules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(rulesQuerySchema, req.query, 'query');
    const entityRef = query.entityRef && parseFullEntityRef(query.entityRef);
    const rules = await sloService.getRules(credentials, entityRef);
    const wantsYaml =
      query.format === 'yaml' ||
      (query.format === undefined &&
        req.accepts(['application/json', 'application/yaml']) ===
          'application/yaml');
    if (wantsYaml) {
      res.type('application/yaml').send(rules.yaml);
    } else {
      res.json({ groups: rules.groups });
    }
  });

  router.post('/refresh', async (req, res) => {
    const credentials = await credentialsOf(req);
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

  return router;
}
