import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  IncidentList,
  IncidentsUiConfig,
  acknowledgeIncidentRequestSchema,
  addLinkRequestSchema,
  addNoteRequestSchema,
  declareIncidentRequestSchema,
  incidentClosePermission,
  incidentCreatePermission,
  listIncidentsQuerySchema,
  recordPagingRequestSchema,
  takeCommandRequestSchema,
  updateIncidentRequestSchema,
} from '@vigil/backstage-plugin-incidents-common';
import { NotAllowedError } from '@backstage/errors';
import type { StoredIncident } from '../database/IncidentStore';
import {
  actorOf,
  idSchema,
  parse,
  rawQuery,
  withConflicts,
  type RouteContext,
} from './util';

/** The UI's configuration, and incidents: declare, read, change, timeline and roles. */
export function registerIncidentRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, audited, config } =
    context;
  const { incidents } = services;
  const details = (stored: StoredIncident, credentials: BackstageCredentials) =>
    authorizer.incidentDetails(stored, credentials);

  router.get('/config', async (req, res) => {
    await credentialsOf(req);
    const body: IncidentsUiConfig = {
      severities: config.severities,
      allowCloseWithoutPublishedPostmortem:
        config.allowCloseWithoutPublishedPostmortem,
    };
    res.json(body);
  });

  router.get('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listIncidentsQuerySchema, rawQuery(req), 'query');
    const body: IncidentList = await incidents.list(
      query,
      await authorizer.readableEntityRefs(credentials),
    );
    res.json(body);
  });

  router.post('/incidents', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(declareIncidentRequestSchema, req.body, 'incident');
    await authorizer.requireBasic(incidentCreatePermission, credentials);
    const stored = await audited(
      req,
      'incident-declare',
      { severity: request.severity, entityRefs: request.entityRefs },
      () =>
        incidents.declare(
          request,
          actorOf(credentials),
          credentials,
          // Naming a commander needs an owning group's member or SRE.
          request.commander
            ? declared => authorizer.requireNameCommander(declared, credentials)
            : undefined,
        ),
      s => ({ incidentId: s.incident.id }),
    );
    res.status(201).json(await details(stored, credentials));
  });

  router.get('/incidents/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    res.json(await authorizer.readableIncidentDetails(id, credentials));
  });

  router.patch('/incidents/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(updateIncidentRequestSchema, req.body, 'update');
    const current = await authorizer.requireUpdate(id, credentials);
    if (request.status === 'closed') {
      await authorizer.requirePermission(
        incidentClosePermission,
        current,
        credentials,
      );
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
          () =>
            incidents.update(id, request, actorOf(credentials), credentials),
          s => ({ version: s.incident.version, status: s.incident.status }),
        ),
      value => details(value as StoredIncident, credentials),
    );
    if (stored) res.json(await details(stored, credentials));
  });

  router.post('/incidents/:id/acknowledge', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(
      acknowledgeIncidentRequestSchema,
      req.body,
      'acknowledgement',
    );
    await authorizer.requireUpdate(id, credentials);
    const stored = await withConflicts(
      res,
      () =>
        audited(
          req,
          'incident-acknowledge',
          { incidentId: id },
          () =>
            incidents.acknowledge(
              id,
              request.expectedVersion,
              actorOf(credentials),
            ),
          s => ({
            version: s.incident.version,
            acknowledgedAt: s.incident.timestamps.acknowledgedAt ?? null,
          }),
        ),
      value => details(value as StoredIncident, credentials),
    );
    if (stored) res.json(await details(stored, credentials));
  });

  router.post('/incidents/:id/take-command', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(
      takeCommandRequestSchema,
      req.body,
      'take-command request',
    );
    await authorizer.requireTakeCommand(
      await incidents.getStored(id),
      credentials,
    );
    const stored = await withConflicts(
      res,
      () =>
        audited(
          req,
          'incident-take-command',
          { incidentId: id },
          () =>
            incidents.takeCommand(
              id,
              request.expectedVersion,
              actorOf(credentials),
            ),
          s => ({
            version: s.incident.version,
            commander: s.incident.roles.commander ?? null,
          }),
        ),
      value => details(value as StoredIncident, credentials),
    );
    if (stored) res.json(await details(stored, credentials));
  });

  router.post('/incidents/:id/notes', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(addNoteRequestSchema, req.body, 'note');
    await authorizer.requireUpdate(id, credentials);
    const stored = await audited(req, 'incident-note', { incidentId: id }, () =>
      incidents.note(id, request.text, actorOf(credentials)),
    );
    res.status(201).json(await details(stored, credentials));
  });

  router.post('/incidents/:id/links', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(addLinkRequestSchema, req.body, 'link');
    await authorizer.requireUpdate(id, credentials);
    const stored = await audited(
      req,
      'incident-link',
      { incidentId: id, url: request.url },
      () => incidents.link(id, request, actorOf(credentials)),
    );
    res.status(201).json(await details(stored, credentials));
  });

  // The on-call backend reports each escalation step it delivered.
  router.post('/incidents/:id/paging', async (req, res) => {
    const credentials = await credentialsOf(req);
    if ((credentials.principal as { type: string }).type !== 'service') {
      throw new NotAllowedError(
        'Only the on-call backend records paging (service credentials)',
      );
    }
    const id = parse(idSchema, req.params.id, 'incident id');
    const request = parse(recordPagingRequestSchema, req.body, 'paging');
    await audited(
      req,
      'incident-paging',
      { incidentId: id, events: request.events.length },
      () => incidents.recordPaging(id, request, actorOf(credentials)),
    );
    res.status(204).end();
  });
}
