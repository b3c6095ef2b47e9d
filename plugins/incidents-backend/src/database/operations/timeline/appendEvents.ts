import type { Knex } from 'knex';
import {
  TimelineEntry,
  TimelineEvent,
  toMillis,
} from '@vigil/backstage-plugin-incidents-common';
import { INSERT_CHUNK } from '../queries';

/**
 * Appends events to an incident's timeline, one insert per 50 events, and
 * returns them with their generated ids.
 */
export async function appendEvents(
  tx: Knex.Transaction,
  incidentId: string,
  events: TimelineEvent[],
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    const chunk = events.slice(i, i + INSERT_CHUNK);
    const inserted: Array<number | string | { id: number | string }> = await tx(
      'incident_timeline',
    )
      .insert(
        chunk.map(event => ({
          incident_id: incidentId,
          at: toMillis(event.at),
          type: event.type,
          actor: event.actor,
          event: JSON.stringify(event),
        })),
      )
      .returning('id');
    // One statement's generated ids grow in the order of its rows on both
    // databases, while the order RETURNING lists them in is unspecified.
    const ids = inserted
      .map(row => Number(typeof row === 'object' ? row.id : row))
      .sort((a, b) => a - b);
    chunk.forEach((event, j) => entries.push({ ...event, id: ids[j] }));
  }
  return entries;
}
