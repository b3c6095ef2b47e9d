import type { TimelineEntry } from '@vigil/backstage-plugin-incidents-common';
import type { StoreInternals } from '../StoreInternals';

/** An incident's timeline, oldest first. */
export async function getTimeline(
  internals: StoreInternals,
  incidentId: string,
): Promise<TimelineEntry[]> {
  const rows: Array<{ id: number | string; event: string }> = await internals
    .db('incident_timeline')
    .select('id', 'event')
    .where({ incident_id: incidentId })
    .orderBy([
      { column: 'at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
  return rows.map(row => ({ ...JSON.parse(row.event), id: Number(row.id) }));
}
