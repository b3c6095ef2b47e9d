import type { Knex } from 'knex';
import {
  Incident,
  ListIncidentsQuery,
  OPEN_STATUSES,
} from '@vigil/backstage-plugin-incidents-common';
import type { StoreInternals } from '../StoreInternals';
import { escapeLike, onlyVisible } from '../queries';
import { IncidentRow, rowToIncident } from './rows';

export async function listIncidents(
  internals: StoreInternals,
  query: ListIncidentsQuery,
  visible?: readonly string[],
): Promise<{ items: Incident[]; totalCount: number }> {
  // Filtering by entity or owner walks that join table's index in list
  // order and joins the incidents; otherwise the incidents' own indexes.
  let base: Knex.QueryBuilder;
  let order: Array<{ column: string; order: 'desc' }>;
  if (query.entityRef || query.ownerRef) {
    const [table, column, value] = query.entityRef
      ? ['incident_entities', 'entity_ref', query.entityRef]
      : ['incident_owners', 'owner_ref', query.ownerRef!];
    base = internals
      .db(`${table} as f`)
      .join('incidents as i', 'i.id', 'f.incident_id')
      .where(`f.${column}`, value);
    order = [
      { column: 'f.declared_at', order: 'desc' },
      { column: 'f.incident_id', order: 'desc' },
    ];
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
    order = [
      { column: 'i.declared_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ];
  }
  if (query.status === 'open') base.whereIn('i.status', [...OPEN_STATUSES]);
  else if (query.status !== 'all') base.where('i.status', query.status);
  if (query.severity) base.where('i.severity', query.severity);
  onlyVisible(internals, base, 'i.id', visible);
  if (query.q) {
    base.whereRaw(`lower(i.title) like ? escape '\\'`, [
      `%${escapeLike(query.q.toLowerCase())}%`,
    ]);
  }
  // On PostgreSQL the count and the page run on two connections at once.
  const [[countRow], rows] = await Promise.all([
    base.clone().count({ count: '*' }),
    base
      .clone()
      .select('i.*')
      .orderBy(order)
      .limit(query.limit)
      .offset(query.offset) as Promise<IncidentRow[]>,
  ]);
  return {
    items: rows.map(rowToIncident),
    totalCount: Number(countRow?.count ?? 0),
  };
}
