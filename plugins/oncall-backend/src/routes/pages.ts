import { ConflictError, NotFoundError } from '@backstage/errors';
import { createPageRequestSchema } from '@vigil/backstage-plugin-oncall-common';
import {
  acknowledgeIncidentBodySchema,
  idSchema,
  listPagesQuerySchema,
} from './queries';
import {
  actorOf,
  parse,
  rawQuery,
  requireService,
  userOf,
  type RouteContext,
} from './util';

/** Paging an entity's owners, reading pages, acknowledging and resolving. */
export function registerPageRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, audited } = context;
  const { pager, pages } = services;

  router.post('/pages', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(createPageRequestSchema, req.body, 'page');
    await authorizer.requirePageCreate(credentials);
    const result = await audited(
      req,
      'page-open',
      {
        entityRef: request.entityRef,
        ...(request.incidentId ? { incidentId: request.incidentId } : {}),
      },
      () => pager.open(request, actorOf(credentials)),
      r => ({
        outcome: r.outcome,
        pageId: r.page?.id ?? null,
        pagedUserRefs: r.pagedUserRefs,
      }),
    );
    res.status(201).json({
      outcome: result.outcome,
      page: result.page ? (await pages.withDeliveries([result.page]))[0] : null,
      pagedUserRefs: result.pagedUserRefs,
      message: result.message,
    });
  });

  router.get('/pages', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listPagesQuerySchema, rawQuery(req), 'query');
    res.json(
      await pages.list({
        incidentId: query.incidentId,
        entityRef: query.entityRef,
        userRef:
          query.mine === 'true'
            ? userOf(credentials, 'list their pages')
            : undefined,
        status: query.status,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.get('/pages/:id', async (req, res) => {
    await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'page id');
    res.json(await pages.get(id));
  });

  router.post('/pages/:id/acknowledge', async (req, res) => {
    const credentials = await credentialsOf(req);
    const by = userOf(credentials, 'acknowledge a page');
    const id = parse(idSchema, req.params.id, 'page id');
    const page = await audited(
      req,
      'page-acknowledge',
      { pageId: id },
      async () => {
        const result = await pager.acknowledge(id, by, credentials);
        if (!result) throw new NotFoundError(`No page with id ${id}`);
        if (!result.acknowledged) {
          throw new ConflictError(
            `Page ${id} is ${result.page.status}, not open: nothing to acknowledge`,
          );
        }
        return result.page;
      },
    );
    res.json((await pages.withDeliveries([page]))[0]);
  });

  router.post('/incident-pages/:incidentId/acknowledge', async (req, res) => {
    const credentials = await credentialsOf(req);
    requireService(credentials, "acknowledge an incident's pages");
    const incidentId = parse(idSchema, req.params.incidentId, 'incident id');
    const { by } = parse(acknowledgeIncidentBodySchema, req.body, 'body');
    const acknowledged = await audited(
      req,
      'incident-pages-acknowledge',
      { incidentId, by },
      () => pager.acknowledgeIncident(incidentId, by),
      n => ({ acknowledged: n }),
    );
    res.json({ acknowledged });
  });

  router.post('/incident-pages/:incidentId/resolve', async (req, res) => {
    const credentials = await credentialsOf(req);
    requireService(credentials, "resolve an incident's pages");
    const incidentId = parse(idSchema, req.params.incidentId, 'incident id');
    const resolved = await audited(
      req,
      'incident-pages-resolve',
      { incidentId },
      () => pager.resolveIncident(incidentId),
      n => ({ resolved: n }),
    );
    res.json({ resolved });
  });
}
