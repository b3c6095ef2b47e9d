import type {
  TimelineEntry,
  TimelineEvent,
} from '@vigil/backstage-plugin-incidents-common';
import type { StoredIncident } from '../../IncidentStore';
import type { StoreInternals } from '../StoreInternals';
import { insertIncident } from './writeIncident';

/** Stores a new incident and its first timeline events, in one transaction. */
export async function createIncident(
  internals: StoreInternals,
  stored: StoredIncident,
  events: TimelineEvent[],
): Promise<TimelineEntry[]> {
  return internals.db.transaction(tx => insertIncident(tx, stored, events));
}
