import {
  listActionItemsQuerySchema,
  updateActionItemRequestSchema,
} from '@vigil/backstage-plugin-incidents-common';
import { idSchema, parse, rawQuery, type RouteContext } from './util';

/** Action items across postmortems: the owners' list and their updates. */
export function registerActionItemRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, audited, now } = context;

  router.get('/action-items', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listActionItemsQuerySchema, rawQuery(req), 'query');
    const today = new Date(now()).toISOString().slice(0, 10);
    const [visible, drafts] = await Promise.all([
      authorizer.readableEntityRefs(credentials),
      authorizer.draftReader(credentials),
    ]);
    res.json(
      await services.postmortems.listActionItems(query, today, visible, drafts),
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
    const item = await services.postmortems.getActionItem(id);
    await authorizer.requireActionItemUpdate(item, credentials);
    const { item: updated, postmortem } = await audited(
      req,
      'action-item-update',
      { actionItemId: id, changes: request },
      () => services.postmortems.updateActionItem(id, request),
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
}
