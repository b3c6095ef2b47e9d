import type { Knex } from 'knex';
import {
  INCIDENT_LIST_COUNT_CAP,
  IncidentList,
  ListIncidentsQuery,
  OPEN_STATUSES,
  encodeIncidentCursor,
} from '@vigil/backstage-plugin-incidents-common';
import { SANDBOX_NAMESPACE } from '@vigil/backstage-plugin-sandbox-common';
import type { StoreInternals } from '../StoreInternals';
import {
  onlyVisible,
  whereOnlyInNamespace,
  whereTitleContains,
} from '../queries';
import { IncidentRow, rowToIncident } from './rows';

/**
 * A page of incidents, newest declared first (id as tie-break), with the
 * number of matches up to {@link INCIDENT_LIST_COUNT_CAP} and the cursor of
 * the next page. After a `cursor` the page is an index range starting below
 * that position, however deep; `offset` still skips rows, for old clients.
 */
export async function listIncidents(
  internals: StoreInternals,
  query: ListIncidentsQuery,
  visible?: readonly string[],
): Promise<IncidentList> {
  // Filtering by entity or owner walks that join table's index in list
  // order and joins the incidents; otherwise the incidents' own indexes.
  let base: Knex.QueryBuilder;
  let sortKey: [declaredAt: string, id: string];
  if (query.entityRef || query.ownerRef) {
    const [table, column, value] = query.entityRef
      ? ['incident_entities', 'entity_ref', query.entityRef]
      : ['incident_owners', 'owner_ref', query.ownerRef!];
    base = internals
      .db(`${table} as f`)
      .join('incidents as i', 'i.id', 'f.incident_id')
      .where(`f.${column}`, value);
    sortKey = ['f.declared_at', 'f.incident_id'];
    if (query.entityRef && query.ownerRef) {
      base.whereIn(
        'i.id',
        internals
          .db('incident_owners')
          .select('incident_id')
          .where({ owner_ref: query.ownerRef }),
      );
    }
  } else {
    base = internals.db('incidents as i');
    sortKey = ['i.declared_at', 'i.id'];
  }
  if (query.status === 'open') base.whereIn('i.status', [...OPEN_STATUSES]);
  else if (query.status !== 'all') base.where('i.status', query.status);
  if (query.severity) base.where('i.severity', query.severity);
  onlyVisible(internals, base, 'i.id', visible);
  if (query.q) whereTitleContains(internals, base, query.q);
  const sandbox = query.sandbox ?? 'include';
  if (sandbox !== 'include') {
    const only = sandbox === 'only';
    whereOnlyInNamespace(internals, base, 'i.id', SANDBOX_NAMESPACE, only);
  }

  // Counted as one more than the cap over the same filter (not the cursor):
  // the count stops there, so it costs at most that many index entries. An
  // entity or owner alone is counted in its join table's index (every row
  // there has its incident), without reading the incidents.
  const onlyJoinTable =
    (query.entityRef || query.ownerRef) &&
    !(query.entityRef && query.ownerRef) &&
    query.status === 'all' &&
    sandbox === 'include' &&
    !query.severity &&
    !query.q &&
    !visible;
  const counted = (
    onlyJoinTable
      ? internals
          .db(`${query.entityRef ? 'incident_entities' : 'incident_owners'}`)
          .where(
            query.entityRef
              ? { entity_ref: query.entityRef }
              : { owner_ref: query.ownerRef },
          )
      : base.clone()
  )
    .select(internals.db.raw('1'))
    .limit(INCIDENT_LIST_COUNT_CAP + 1);
  const page = base.clone().select('i.*');
  if (query.cursor) {
    // A row value comparison is a range of the (declared_at, id) indexes on
    // both databases.
    page.whereRaw('(??, ??) < (?, ?)', [
      ...sortKey,
      query.cursor.declaredAt,
      query.cursor.id,
    ]);
  }
  // One row more than the page says whether there is a next one.
  page
    .orderBy([
      { column: sortKey[0], order: 'desc' },
      { column: sortKey[1], order: 'desc' },
    ])
    .limit(query.limit + 1)
    .offset(query.cursor ? 0 : query.offset);
  // On PostgreSQL the count and the page run on two connections at once.
  const [[countRow], rows] = await Promise.all([
    internals.db.from(counted.as('matches')).count({ count: '*' }),
    page as Promise<IncidentRow[]>,
  ]);
  const matches = Number(countRow?.count ?? 0);
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return {
    items: rows.slice(0, query.limit).map(rowToIncident),
    totalCount: Math.min(matches, INCIDENT_LIST_COUNT_CAP),
    ...(matches > INCIDENT_LIST_COUNT_CAP ? { totalCountCapped: true } : {}),
    ...(last
      ? {
          nextCursor: encodeIncidentCursor({
            declaredAt: Number(last.declared_at),
            id: last.id,
          }),
        }
      : {}),
  };
}
