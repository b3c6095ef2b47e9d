import type { PageStatus } from '@vigil/backstage-plugin-oncall-common';
import type { StoredPage } from '../../OnCallStore';
import { countRows } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { DELIVERIES, pageFromRow, PageRow, PAGES } from './rows';

/** One page of pages, newest first, filtered and counted in the database. */
export async function listPages(
  internals: StoreInternals,
  query: {
    incidentId?: string;
    entityRef?: string;
    userRef?: string;
    status?: PageStatus[];
    limit: number;
    offset: number;
  },
): Promise<{ items: StoredPage[]; total: number }> {
  if (query.status?.length === 0) return { items: [], total: 0 };
  const { db } = internals;
  const filtered = db<PageRow>(PAGES);
  if (query.incidentId) filtered.where('incident_id', query.incidentId);
  if (query.entityRef) filtered.where('entity_ref', query.entityRef);
  if (query.status) filtered.whereIn('status', query.status);
  if (query.userRef) {
    filtered.whereIn(
      'id',
      db(DELIVERIES).select('page_id').where('user_ref', query.userRef),
    );
  }
  const total = await countRows(filtered);
  if (query.offset >= total) return { items: [], total };
  const rows: PageRow[] = await filtered
    .select('*')
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(pageFromRow), total };
}
