import type {
  ActionItemWithContext,
  ListActionItemsQuery,
} from '@vigil/backstage-plugin-incidents-common';
import { onlyReadableDrafts, onlyVisible } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { ActionItemRow, rowToActionItem } from './rows';

/** A page of action items of some owners, soonest due first. */
export async function listActionItems(
  internals: StoreInternals,
  query: ListActionItemsQuery,
  today: string,
  visible?: readonly string[],
  drafts?: { actor: string; claims: readonly string[] },
): Promise<{ items: ActionItemWithContext[]; totalCount: number }> {
  const base = internals
    .db('action_items as a')
    .join('postmortems as p', 'p.id', 'a.postmortem_id')
    .whereIn('a.owner', query.owner);
  onlyVisible(internals, base, 'a.incident_id', visible);
  if (drafts) {
    // The incident's commander and owners decide who reads a draft's items.
    base.join('incidents as i', 'i.id', 'a.incident_id');
    onlyReadableDrafts(internals, base, drafts);
  }
  if (query.status === 'open')
    base.whereIn('a.status', ['open', 'in_progress']);
  const [countRow] = await base.clone().count({ count: '*' });
  const rows = await base
    .select('a.*', 'p.title as postmortem_title')
    // Items without a due date sort last on both databases.
    .orderByRaw('case when a.due_date is null then 1 else 0 end')
    .orderBy([
      { column: 'a.due_date', order: 'asc' },
      { column: 'a.priority', order: 'asc' },
      { column: 'a.id', order: 'asc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  return {
    totalCount: Number(countRow?.count ?? 0),
    items: rows.map((row: ActionItemRow & { postmortem_title: string }) => {
      const item = rowToActionItem(row);
      const open = item.status === 'open' || item.status === 'in_progress';
      return {
        ...item,
        postmortemId: row.postmortem_id,
        postmortemTitle: row.postmortem_title,
        incidentId: row.incident_id,
        overdue: open && !!item.dueDate && item.dueDate < today,
      };
    }),
  };
}
