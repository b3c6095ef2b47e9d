import type { Knex } from 'knex';
import type { Postmortem } from '@vigil/backstage-plugin-incidents-common';
import { ActionItemRow, rowToActionItem } from '../actionItems/rows';
import type { StoreInternals } from '../StoreInternals';
import { PostmortemRow, rowToPostmortem } from './rows';

/** Reads a postmortem with its action items, locking its row when `forUpdate`. */
export async function readPostmortem(
  internals: Pick<StoreInternals, 'lock'>,
  db: Knex | Knex.Transaction,
  where: { id: string } | { incident_id: string },
  forUpdate = false,
): Promise<Postmortem | undefined> {
  const query = db<PostmortemRow>('postmortems').where(where).first();
  const row: PostmortemRow | undefined = await (forUpdate
    ? internals.lock(query)
    : query);
  if (!row) return undefined;
  const items: ActionItemRow[] = await db('action_items')
    .where({ postmortem_id: row.id })
    .orderBy('position', 'asc');
  return rowToPostmortem(row, items.map(rowToActionItem));
}

export async function getPostmortem(
  internals: StoreInternals,
  id: string,
): Promise<Postmortem | undefined> {
  return readPostmortem(internals, internals.db, { id });
}

export async function getPostmortemByIncident(
  internals: StoreInternals,
  incidentId: string,
): Promise<Postmortem | undefined> {
  return readPostmortem(internals, internals.db, { incident_id: incidentId });
}
