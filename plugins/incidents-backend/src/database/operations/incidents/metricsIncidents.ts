import type {
  ActionItem,
  Incident,
  MetricsIncident,
  Severity,
} from '@vigil/backstage-plugin-incidents-common';
import type { ActionItemRow } from '../actionItems/rows';
import type { StoreInternals } from '../StoreInternals';
import { IncidentRow, TimestampColumns, rowTimestamps } from './rows';

/** What metrics read of the incidents declared in `[from, to)`. */
export async function metricsIncidents(
  internals: StoreInternals,
  from: number,
  to: number,
  entityRef?: string,
): Promise<Array<MetricsIncident & { entityRefs: string[] }>> {
  const periodIds = internals
    .db('incidents')
    .select('id')
    .where('declared_at', '>=', from)
    .andWhere('declared_at', '<', to);
  if (entityRef) {
    periodIds.whereIn(
      'id',
      internals
        .db('incident_entities')
        .select('incident_id')
        .where({ entity_ref: entityRef }),
    );
  }
  const rows: Array<
    Pick<IncidentRow, 'id' | 'severity' | 'entity_refs' | 'postmortem_state'> &
      TimestampColumns
  > = await internals
    .db('incidents')
    .select(
      'id',
      'severity',
      'entity_refs',
      'declared_at',
      'detected_at',
      'acknowledged_at',
      'mitigated_at',
      'resolved_at',
      'closed_at',
      'postmortem_state',
    )
    .whereIn('id', periodIds.clone());
  // Only open items with a due date can be overdue; fetch just those.
  const items: Array<
    Pick<ActionItemRow, 'incident_id' | 'status' | 'due_date'>
  > = await internals
    .db('action_items')
    .select('incident_id', 'status', 'due_date')
    .whereIn('status', ['open', 'in_progress'])
    .whereNotNull('due_date')
    .whereIn('incident_id', periodIds.clone());
  const itemsByIncident = new Map<string, typeof items>();
  for (const item of items) {
    const list = itemsByIncident.get(item.incident_id) ?? [];
    list.push(item);
    itemsByIncident.set(item.incident_id, list);
  }
  // Just the columns metrics read, mapped as such: no incident is made up.
  return rows.map(row => ({
    severity: row.severity as Severity,
    timestamps: rowTimestamps(row),
    entityRefs: JSON.parse(row.entity_refs),
    ...(row.postmortem_state
      ? {
          postmortemState: row.postmortem_state as Incident['postmortemState'],
        }
      : {}),
    actionItems: (itemsByIncident.get(row.id) ?? []).map(item => ({
      status: item.status as ActionItem['status'],
      ...(item.due_date ? { dueDate: item.due_date } : {}),
    })),
  }));
}
