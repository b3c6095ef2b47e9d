import type {
  ActionItem,
  Incident,
  Postmortem,
} from '@vigil/backstage-plugin-incidents-common';
import type { SearchDocumentsPage } from '../../IncidentStore';
import { ActionItemRow, rowToActionItem } from '../actionItems/rows';
import { IncidentRow, rowToIncident } from '../incidents/rows';
import type { StoreInternals } from '../StoreInternals';
import { PostmortemRow, rowToPostmortem } from './rows';

/**
 * A page of published postmortems in id order with their incidents, for the
 * search index: three queries a page, whatever its size.
 */
export async function searchPublishedPostmortems(
  internals: StoreInternals,
  cursor: string | undefined,
  limit: number,
): Promise<
  SearchDocumentsPage<{ postmortem: Postmortem; incident: Incident }>
> {
  const query = internals
    .db<PostmortemRow>('postmortems')
    .where({ state: 'published' })
    .orderBy('id', 'asc')
    .limit(limit);
  if (cursor) query.where('id', '>', cursor);
  const rows: PostmortemRow[] = await query;
  // One query per table for the whole page, not three per postmortem.
  const ids = rows.map(row => row.id);
  const incidentIds = [...new Set(rows.map(row => row.incident_id))];
  const [itemRows, incidentRows]: [ActionItemRow[], IncidentRow[]] = rows.length
    ? await Promise.all([
        internals
          .db('action_items')
          .whereIn('postmortem_id', ids)
          .orderBy([
            { column: 'postmortem_id', order: 'asc' },
            { column: 'position', order: 'asc' },
          ]),
        internals.db('incidents').whereIn('id', incidentIds),
      ])
    : [[], []];
  const itemsByPostmortem = new Map<string, ActionItem[]>();
  for (const item of itemRows) {
    const list = itemsByPostmortem.get(item.postmortem_id) ?? [];
    list.push(rowToActionItem(item));
    itemsByPostmortem.set(item.postmortem_id, list);
  }
  const incidents = new Map(
    incidentRows.map(row => [row.id, rowToIncident(row)]),
  );
  const items: Array<{ postmortem: Postmortem; incident: Incident }> = [];
  for (const row of rows) {
    const incident = incidents.get(row.incident_id);
    if (!incident) continue;
    items.push({
      postmortem: rowToPostmortem(row, itemsByPostmortem.get(row.id) ?? []),
      incident,
    });
  }
  return {
    items,
    ...(rows.length === limit ? { nextCursor: rows[rows.length - 1].id } : {}),
  };
}
