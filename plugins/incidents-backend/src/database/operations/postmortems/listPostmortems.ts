import type {
  ListPostmortemsQuery,
  PostmortemListItem,
} from '@vigil/backstage-plugin-incidents-common';
import { iso } from '../incidents/rows';
import { onlyReadableDrafts, onlyVisible } from '../queries';
import type { StoreInternals } from '../StoreInternals';

/** A page of postmortems, most recently updated first. */
export async function listPostmortems(
  internals: StoreInternals,
  query: ListPostmortemsQuery,
  visible?: readonly string[],
  drafts?: { actor: string; claims: readonly string[] },
): Promise<{ items: PostmortemListItem[]; totalCount: number }> {
  const base = internals
    .db('postmortems as p')
    .join('incidents as i', 'i.id', 'p.incident_id');
  if (query.state) base.where('p.state', query.state);
  onlyVisible(internals, base, 'p.incident_id', visible);
  onlyReadableDrafts(internals, base, drafts);
  if (query.entityRef) {
    base.whereIn(
      'p.incident_id',
      internals
        .db('incident_entities')
        .select('incident_id')
        .where({ entity_ref: query.entityRef }),
    );
  }
  const [countRow] = await base.clone().count({ count: '*' });
  const rows = await base
    .select(
      'p.id',
      'p.incident_id',
      'p.title',
      'p.state',
      'p.updated_at',
      'p.published_at',
      'i.severity',
      'i.entity_refs',
    )
    .orderBy([
      { column: 'p.updated_at', order: 'desc' },
      { column: 'p.id', order: 'desc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  return {
    totalCount: Number(countRow?.count ?? 0),
    items: rows.map(row => ({
      id: row.id,
      incidentId: row.incident_id,
      title: row.title,
      state: row.state,
      incidentSeverity: row.severity,
      entityRefs: JSON.parse(row.entity_refs),
      updatedAt: iso(row.updated_at),
      ...(row.published_at !== null && row.published_at !== undefined
        ? { publishedAt: iso(row.published_at) }
        : {}),
    })),
  };
}
