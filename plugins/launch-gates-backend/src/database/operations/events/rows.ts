import type { ReviewEvent } from '@vigil/backstage-plugin-launch-gates-common';
import type { Knex } from 'knex';
import type { NewEvent } from '../../LaunchGatesStore';
import { isoOf, msOf, type StoreInternals } from '../StoreInternals';

export const EVENTS = 'launch_review_events';

/** A row of `launch_review_events`. */
export interface EventRow {
  id: string;
  review_id: string;
  type: string;
  actor: string;
  at: number | string;
  seq: number;
  data: string;
}

export function eventFromRow(row: EventRow): ReviewEvent {
  return {
    id: row.id,
    reviewId: row.review_id,
    type: row.type as ReviewEvent['type'],
    actor: row.actor,
    at: isoOf(row.at),
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/** Appends events in the order given (inside the caller's transaction). */
export async function appendEvents(
  internals: StoreInternals,
  tx: Knex.Transaction,
  events: readonly NewEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx(EVENTS).insert(
    events.map(
      (event, seq): EventRow => ({
        id: internals.newId(),
        review_id: event.reviewId,
        type: event.type,
        actor: event.actor,
        at: msOf(event.at),
        seq,
        data: JSON.stringify(event.data),
      }),
    ),
  );
}
