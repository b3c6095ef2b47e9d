import {
  Postmortem,
  changePostmortemStateRequestSchema,
  incidentClosePermission,
  listPostmortemsQuerySchema,
  postmortemToMarkdown,
  savePostmortemRequestSchema,
} from '@vigil/backstage-plugin-incidents-common';
import {
  actorOf,
  idSchema,
  parse,
  rawQuery,
  withConflicts,
  type RouteContext,
} from './util';

/** Postmortems: start one for an incident, list, read, export, save, change state. */
export function registerPostmortemRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, audited } = context;
  const { incidents, postmortems } = services;

  router.post('/incidents/:id/postmortem', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'incident id');
    await authorizer.requireUpdate(id, credentials);
    const result = await audited(
      req,
      'postmortem-create',
      { incidentId: id },
      () => postmortems.createPostmortem(id, actorOf(credentials)),
      r => ({ postmortemId: r.postmortem.id, created: r.created }),
    );
    const details = await authorizer.postmortemDetails(
      result.postmortem,
      credentials,
    );
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
    const query = parse(listPostmortemsQuerySchema, rawQuery(req), 'query');
    const [visible, drafts] = await Promise.all([
      authorizer.readableEntityRefs(credentials),
      authorizer.draftReader(credentials),
    ]);
    res.json(await postmortems.list(query, visible, drafts));
  });

  router.get('/postmortems/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const postmortem = await authorizer.readablePostmortem(id, credentials);
    res.json(await authorizer.postmortemDetails(postmortem, credentials));
  });

  router.get('/postmortems/:id/markdown', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const postmortem = await authorizer.readablePostmortem(id, credentials);
    const { incident } = await incidents.getStored(postmortem.incidentId);
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
    const existing = await postmortems.getPostmortem(id);
    await authorizer.requirePostmortemEdit(
      existing,
      await incidents.getStored(existing.incidentId),
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
          () => postmortems.savePostmortem(id, request),
          p => ({ version: p.version }),
        ),
      value => authorizer.postmortemDetails(value as Postmortem, credentials),
    );
    if (saved) res.json(await authorizer.postmortemDetails(saved, credentials));
  });

  router.post('/postmortems/:id/state', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'postmortem id');
    const request = parse(
      changePostmortemStateRequestSchema,
      req.body,
      'state change',
    );
    const existing = await postmortems.getPostmortem(id);
    const stored = await incidents.getStored(existing.incidentId);
    await authorizer.requirePostmortemEdit(existing, stored, credentials);
    if (request.state === 'published') {
      await authorizer.requirePermission(
        incidentClosePermission,
        stored,
        credentials,
      );
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
            postmortems.changePostmortemState(
              id,
              request.state,
              request.expectedVersion,
              actorOf(credentials),
            ),
          p => ({ version: p.version, state: p.state }),
        ),
      value => authorizer.postmortemDetails(value as Postmortem, credentials),
    );
    if (saved) res.json(await authorizer.postmortemDetails(saved, credentials));
  });
}
