import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { randomUUID } from 'crypto';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  IncidentDetails,
  IncidentList,
  IncidentPermissions,
  IncidentsUiConfig,
  PostmortemDetails,
  acknowledgeIncidentRequestSchema,
  addLinkRequestSchema,
  addNoteRequestSchema,
  changePostmortemStateRequestSchema,
  declareIncidentRequestSchema,
  incidentClosePermission,
  incidentCreatePermission,
  incidentUpdatePermission,
  listActionItemsQuerySchema,
  listIncidentsQuerySchema,
  listPostmortemsQuerySchema,
  metricsQuerySchema,
  nulBytePaths,
  pageParamSchema,
  parseAlertmanagerPayload,
  postmortemToMarkdown,
  resourceIdSchema,
  savePostmortemRequestSchema,
  takeCommandRequestSchema,
  updateActionItemRequestSchema,
  updateIncidentRequestSchema,
  Postmortem,
} from '@vigil/backstage-plugin-incidents-common';
import { createHash, timingSafeEqual } from 'crypto';
import type { JsonObject } from '@backstage/types';
import {
  parse as parseWith,
  type ReadableEntitiesCache,
} from '@vigil/backend-kit';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { IncidentsBackendConfig } from './config';
import type { IncidentStore, StoredIncident } from './database/IncidentStore';
import { incidentRules } from './permissions';
import type { EntityDirectory } from './service/EntityDirectory';
import {
  IncidentsService,
  VersionConflictError,
} from './service/IncidentsService';
import type { IncidentsTelemetry } from './service/IncidentsTelemetry';
import { toSearchDocuments } from './service/searchDocuments';

/** Paths reachable without a Backstage token (the handler checks its own). */
export const WEBHOOK_PATH = '/alertmanager/webhook';

const idSchema = resourceIdSchema;

const searchQuerySchema = z
  .object({
    cursor: z.string().max(64).optional(),
    limit: pageParamSchema(1, 1000, 500),
  })
  .strict();

/**
 * A 400 naming the fields that hold a NUL character: PostgreSQL cannot store
 * one in text, and no field has a use for it.
 */
function rejectNulBytes(value: unknown, what: string): void {
  const paths = nulBytePaths(value);
  if (paths.length > 0) {
    throw new InputError(
      `Invalid ${what}: ${paths
        .map(p => `${p}: must not contain NUL characters (\\u0000)`)
        .join('; ')}`,
    );
  }
}

/** Parses with zod (a 400 naming every bad field), after refusing NUL characters. */
function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  rejectNulBytes(value, what);
  return parseWith(schema, value, what);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant-time comparison of the presented bearer token with the configured one. */
function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  return timingSafeEqual(sha256(match[1].trim()), sha256(token));
}

function isUser(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'user';
}

/** Who did it, as recorded in timelines: a user ref or `plugin:<id>`. */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type;
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  userInfo: UserInfoService;
  logger: LoggerService;
  service: IncidentsService;
  store: IncidentStore;
  directory: EntityDirectory;
  visibility: ReadableEntitiesCache;
  config: IncidentsBackendConfig;
  telemetry?: IncidentsTelemetry;
  now?: () => number;
}

/** The HTTP API (openapi.yaml): validation, authentication, permissions and audit, then the service. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, service, store, config, visibility } =
    options;
  const now = options.now ?? Date.now;
  const authorizeConditions = createConditionAuthorizer(incidentRules);
  const router = Router();

  // The webhook is declared first: it authenticates before reading a (possibly
  // large) body, and has its own body limit.
  router.post(
    WEBHOOK_PATH,
    async (req, _res, next) => {
      const token = config.alertmanager.webhookToken;
      if (token && tokenMatches(req.headers.authorization, token)) {
        next();
        return;
      }
      try {
        await httpAuth.credentials(req, { allow: ['service'] });
      } catch {
        options.telemetry?.notification('rejected');
        throw new AuthenticationError(
          'Alertmanager webhook: send the configured token as "Authorization: Bearer <token>" or Backstage service credentials',
        );
      }
      next();
    },
    express.json({ limit: config.alertmanager.maxPayloadSize }),
    async (req, res) => {
      const started = process.hrtime.bigint();
      const done = (status: number) =>
        options.telemetry?.webhookTook(
          Number(process.hrtime.bigint() - started) / 1e9,
          status,
        );
      const nulPaths = nulBytePaths(req.body);
      const parsed = nulPaths.length
        ? {
            ok: false as const,
            errors: nulPaths.map(
              p => `${p}: must not contain NUL characters (\\u0000)`,
            ),
          }
        : parseAlertmanagerPayload(req.body);
      if (!parsed.ok) {
        options.telemetry?.notification('rejected');
        done(400);
        throw new InputError(
          `Invalid Alertmanager payload: ${parsed.errors.join('; ')}`,
        );
      }
      try {
        const result = await service.ingestAlertmanager(parsed.payload);
        for (const warning of result.warnings) {
          options.logger.warn(
            `Alertmanager group ${parsed.payload.groupKey}: ${warning}`,
          );
        }
        done(200);
        res.json(result);
      } catch (error) {
        // Whatever the database could not take is a 5xx: Alertmanager retries.
        done(500);
        throw error;
      }
    },
  );

  router.use(express.json({ limit: '2mb' }));

  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  async function allowed(
    permission: ResourcePermission<'incident'>,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return authorizeConditions(decision, stored);
  }

  async function requirePermission(
    permission: ResourcePermission<'incident'>,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await allowed(permission, stored, credentials))) {
      throw new NotAllowedError(
        `Not allowed to ${
          permission.name === incidentClosePermission.name ? 'close' : 'change'
        } incident ${stored.incident.id} (${
          permission.name
        }): only the owners of its entities and its commander may`,
      );
    }
  }

  async function requireBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed (${permission.name})`);
    }
  }

  /** Runs a mutation inside an auditor event (success with meta, or failure). */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
    successMeta?: (result: T) => JsonObject,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success(
        successMeta ? { meta: successMeta(result) } : undefined,
      );
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Whether the caller is a user who is (or is in a group that is) an owner of an affected entity. */
  async function isOwnerMember(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!isUser(credentials)) return false;
    const { ownershipEntityRefs } = await options.userInfo.getUserInfo(
      credentials,
    );
    return ownershipEntityRefs.some(ref => stored.ownerRefs.includes(ref));
  }

  /** Who may take command: the users who may update it, and the members of its owners. */
  async function mayTakeCommand(
    stored: StoredIncident,
    credentials: BackstageCredentials,
    update?: boolean,
  ): Promise<boolean> {
    if (!isUser(credentials)) return false;
    return (
      (update ??
        (await allowed(incidentUpdatePermission, stored, credentials))) ||
      (await isOwnerMember(stored, credentials))
    );
  }

  async function permissionsFor(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<IncidentPermissions> {
    const { incident } = stored;
    const update = await allowed(incidentUpdatePermission, stored, credentials);
    const open = incident.status !== 'closed';
    return {
      update,
      acknowledge: update && open && !incident.timestamps.acknowledgedAt,
      takeCommand:
        open &&
        !incident.roles.commander &&
        (await mayTakeCommand(stored, credentials, update)),
    };
  }

  async function incidentDetails(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetails> {
    return service.details(stored, await permissionsFor(stored, credentials));
  }

  async function postmortemDetails(
    postmortem: Postmortem,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const stored = await service.getStored(postmortem.incidentId);
    const update =
      postmortem.state !== 'published' &&
      (await allowed(incidentUpdatePermission, stored, credentials));
    return { postmortem, incident: stored.incident, permissions: { update } };
  }

  /** 409 with the stored state, so the client can show it and retry. */
  async function withConflicts<T>(
    res: express.Response,
    fn: () => Promise<T>,
    current: (value: unknown) => Promise<unknown>,
  ): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof VersionConflictError) {
        res.status(409).json({
          error: { name: 'ConflictError', message: error.message },
          current: await current(error.current),
        });
        return undefined;
      }
      throw error;
    }
  }

  // ------------------------------------------------------------------ config

  router.get('/config', async (req, res) => {
    await credentialsOf(req);
    const body: IncidentsUiConfig = {
      severities: config.severities,
      allowCloseWithoutPublishedPostmortem:
        config.allowCloseWithoutPublishedPostmortem,
    };
    res.json(body);
  });

  // ------------------------------------------------------------------ incidents

  router.get('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listIncidentsQuerySchema, req.query, 'query');
    const body: IncidentList = await store.listIncidents(
      query,
      await visibility.readableEntityRefs(credentials),
    );
    res.json(body);
  });

  router.post('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(declareIncidentRequestSchema, req.body, 'incident');
    await requireBasic(incidentCreatePermission, credentials);
    const stored = await audited(
      req,
      'incident-declare',
      { severity: request.severity, entityRefs: request.entityRefs },
      () => service.declare(request, actorOf(credentials), credentials),
      s => ({ incidentId: s.incident.id }),
    );
    res.status(201).json(await incidentDetails(stored, credentials));
  });

  async function readableIncident(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    const stored = await service.getStored(id);
    // Incidents are as visible as the entities they affect.
    if (
      !(await options.directory.canReadAny(
        stored.incident.entityRefs,
        credentials,
      ))
    ) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return stored;
  }

  router.get('/incidents/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const stored = await readableIncident(id, credentials);
    res.json(await incidentDetails(stored, credentials));
  });

  router.patch('/incidents/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(updateIncidentRequestSchema, req.body, 'update');
    const current = await service.getStored(id);
    await requirePermission(incidentUpdatePermission, current, credentials);
    if (request.status === 'closed') {
      await requirePermission(incidentClosePermission, current, credentials);
    }
    const stored = await withConflicts(
      res,
      () =>
        audited(
          req,
          'incident-update',
          {
            incidentId: id,
            changes: Object.keys(request).filter(k => k !== 'expectedVersion'),
          },
          () => service.update(id, request, actorOf(credentials), credentials),
          s => ({ version: s.incident.version, status: s.incident.status }),
        ),
      value => incidentDetails(value as StoredIncident, credentials),
    );
    if (stored) res.json(await incidentDetails(stored, credentials));
  });

  router.post('/incidents/:id/acknowledge', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(
      acknowledgeIncidentRequestSchema,
      req.body,
      'acknowledgement',
    );
    await requirePermission(
      incidentUpdatePermission,
      await service.getStored(id),
      credentials,
    );
    const stored = await withConflicts(
      res,
      () =>
        audited(
          req,
          'incident-acknowledge',
          { incidentId: id },
          () =>
            service.acknowledge(
              id,
              request.expectedVersion,
              actorOf(credentials),
            ),
          s => ({
            version: s.incident.version,
            acknowledgedAt: s.incident.timestamps.acknowledgedAt ?? null,
          }),
        ),
      value => incidentDetails(value as StoredIncident, credentials),
    );
    if (stored) res.json(await incidentDetails(stored, credentials));
  });

  router.post('/incidents/:id/take-command', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(
      takeCommandRequestSchema,
      req.body,
      'take-command request',
    );
    const current = await service.getStored(id);
    if (!(await mayTakeCommand(current, credentials))) {
      const { ownerRefs, incident } = current;
      throw new NotAllowedError(
        `Not allowed to take command of incident ${id}: only members of its owners (${
          ownerRefs.join(', ') || 'none recorded'
        }) and its commander (${
          incident.roles.commander ?? 'none assigned'
        }) may, and only as a signed-in user`,
      );
    }
    const stored = await withConflicts(
      res,
      () =>
        audited(
          req,
          'incident-take-command',
          { incidentId: id },
          () =>
            service.takeCommand(
              id,
              request.expectedVersion,
              actorOf(credentials),
            ),
          s => ({
            version: s.incident.version,
            commander: s.incident.roles.commander ?? null,
          }),
        ),
      value => incidentDetails(value as StoredIncident, credentials),
    );
    if (stored) res.json(await incidentDetails(stored, credentials));
  });

  router.post('/incidents/:id/notes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(addNoteRequestSchema, req.body, 'note');
    await requirePermission(
      incidentUpdatePermission,
      await service.getStored(id),
      credentials,
    );
    const stored = await audited(req, 'incident-note', { incidentId: id }, () =>
      service.note(id, request.text, actorOf(credentials)),
    );
    res.status(201).json(await incidentDetails(stored, credentials));
  });

  router.post('/incidents/:id/links', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(addLinkRequestSchema, req.body, 'link');
    await requirePermission(
      incidentUpdatePermission,
      await service.getStored(id),
      credentials,
    );
    const stored = await audited(
      req,
      'incident-link',
      { incidentId: id, url: request.url },
      () => service.link(id, request, actorOf(credentials)),
    );
    res.status(201).json(await incidentDetails(stored, credentials));
  });

  // ------------------------------------------------------------------ postmortems

  router.post('/incidents/:id/postmortem', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    await requirePermission(
      incidentUpdatePermission,
      await service.getStored(id),
      credentials,
    );
    const result = await audited(
      req,
      'postmortem-create',
      { incidentId: id },
      () => service.createPostmortem(id, actorOf(credentials)),
      r => ({ postmortemId: r.postmortem.id, created: r.created }),
    );
    const details = await postmortemDetails(result.postmortem, credentials);
    if (result.created) {
      res.status(201).json(details);
    } else {
      res.status(409).json({
        error: {
          name: 'ConflictError',
          message: `Incident ${id} already has a postmortem`,
        },
        current: details,
      });
    }
  });

  router.get('/postmortems', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listPostmortemsQuerySchema, req.query, 'query');
    res.json(
      await store.listPostmortems(
        query,
        await visibility.readableEntityRefs(credentials),
      ),
    );
  });

  async function readablePostmortem(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const postmortem = await service.getPostmortem(id);
    const stored = await readableIncident(postmortem.incidentId, credentials);
    // Published: everyone who can see the entity. Drafts: those who may edit.
    if (
      postmortem.state !== 'published' &&
      !postmortem.authors.includes(actorOf(credentials)) &&
      !(await allowed(incidentUpdatePermission, stored, credentials))
    ) {
      throw new NotAllowedError(
        `Postmortem ${id} is not published yet; only its authors, the incident's owners and commander may read it`,
      );
    }
    return postmortem;
  }

  router.get('/postmortems/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const postmortem = await readablePostmortem(id, credentials);
    res.json(await postmortemDetails(postmortem, credentials));
  });

  router.get('/postmortems/:id/markdown', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const postmortem = await readablePostmortem(id, credentials);
    const { incident } = await service.getStored(postmortem.incidentId);
    const filename = `postmortem-${incident.id}.md`;
    res
      .type('text/markdown; charset=utf-8')
      .attachment(filename)
      .send(postmortemToMarkdown(postmortem, incident));
  });

  router.put('/postmortems/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const request = parse(savePostmortemRequestSchema, req.body, 'postmortem');
    const existing = await service.getPostmortem(id);
    await requirePermission(
      incidentUpdatePermission,
      await service.getStored(existing.incidentId),
      credentials,
    );
    const saved = await withConflicts(
      res,
      () =>
        audited(
          req,
          'postmortem-save',
          {
            postmortemId: id,
            fields: Object.keys(request).filter(k => k !== 'expectedVersion'),
          },
          () => service.savePostmortem(id, request),
          p => ({ version: p.version }),
        ),
      value => postmortemDetails(value as Postmortem, credentials),
    );
    if (saved) res.json(await postmortemDetails(saved, credentials));
  });

  router.post('/postmortems/:id/state', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const request = parse(
      changePostmortemStateRequestSchema,
      req.body,
      'state change',
    );
    const existing = await service.getPostmortem(id);
    const stored = await service.getStored(existing.incidentId);
    await requirePermission(incidentUpdatePermission, stored, credentials);
    if (request.state === 'published') {
      await requirePermission(incidentClosePermission, stored, credentials);
    }
    const saved = await withConflicts(
      res,
      () =>
        audited(
          req,
          request.state === 'published'
            ? 'postmortem-publish'
            : 'postmortem-state',
          { postmortemId: id, from: existing.state, to: request.state },
          () =>
            service.changePostmortemState(
              id,
              request.state,
              request.expectedVersion,
              actorOf(credentials),
            ),
          p => ({ version: p.version, state: p.state }),
        ),
      value => postmortemDetails(value as Postmortem, credentials),
    );
    if (saved) res.json(await postmortemDetails(saved, credentials));
  });

  // ------------------------------------------------------------------ action items

  router.get('/action-items', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listActionItemsQuerySchema, req.query, 'query');
    const today = new Date(now()).toISOString().slice(0, 10);
    res.json(
      await store.listActionItems(
        query,
        today,
        await visibility.readableEntityRefs(credentials),
      ),
    );
  });

  router.patch('/action-items/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'action item id');
    const request = parse(
      updateActionItemRequestSchema,
      req.body,
      'action item update',
    );
    const item = await store.getActionItem(id);
    if (!item) throw new NotFoundError(`No action item with id ${id}`);
    // The item's owner may update it, as may whoever may change the incident.
    let mayUpdate = false;
    if (credentials.principal.type === 'user') {
      const info = await options.userInfo.getUserInfo(credentials);
      mayUpdate = info.ownershipEntityRefs.includes(item.owner);
    }
    if (!mayUpdate) {
      await requirePermission(
        incidentUpdatePermission,
        await service.getStored(item.incidentId),
        credentials,
      );
    }
    const { item: updated, postmortem } = await audited(
      req,
      'action-item-update',
      { actionItemId: id, changes: request },
      () => service.updateActionItem(id, request),
    );
    const today = new Date(now()).toISOString().slice(0, 10);
    const open = updated.status === 'open' || updated.status === 'in_progress';
    res.json({
      ...updated,
      postmortemId: postmortem.id,
      postmortemTitle: postmortem.title,
      incidentId: postmortem.incidentId,
      overdue: open && !!updated.dueDate && updated.dueDate < today,
    });
  });

  // ------------------------------------------------------------------ metrics

  router.get('/metrics', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(metricsQuerySchema, req.query, 'query');
    res.json(
      await service.metrics(
        query,
        await visibility.readableEntityRefs(credentials),
      ),
    );
  });

  // ------------------------------------------------------------------ search

  router.get('/search/:type', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const type = parse(
      z.enum(['incidents', 'postmortems']),
      req.params.type,
      'document type',
    );
    const query = parse(searchQuerySchema, req.query, 'query');
    res.json(await toSearchDocuments(store, type, query.cursor, query.limit));
  });

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
