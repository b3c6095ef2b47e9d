import type { ReviewEvent } from '@vigil/backstage-plugin-launch-gates-common';
import type { StoreInternals } from '../StoreInternals';
import { EVENTS, eventFromRow, EventRow } from './rows';

/** A review's history, oldest first. */
export async function listEvents(
  internals: StoreInternals,
  reviewId: string,
): Promise<ReviewEvent[]> {
  const rows: EventRow[] = await internals
    .db<EventRow>(EVENTS)
    .where('review_id', reviewId)
    .orderBy('at', 'asc')
    .orderBy('seq', 'asc')
    .orderBy('id', 'asc');
  return rows.map(eventFromRow);
}
