import type {
  IncidentMutation,
  MutationOutcome,
  StoredIncident,
} from '../../IncidentStore';
import type { StoreInternals } from '../StoreInternals';
import { appendEvents } from '../timeline/appendEvents';
import { readIncident } from './readIncident';
import { updateIncident, writeIncidentRelations } from './writeIncident';

/**
 * Applies `mutate` to the locked incident and writes what it decides (the
 * new state, its entity/owner rows when they change, the events), in one
 * transaction.
 */
export async function mutateIncident<E>(
  internals: StoreInternals,
  id: string,
  mutate: (current: StoredIncident) => IncidentMutation<E>,
): Promise<MutationOutcome<E>> {
  return internals.db.transaction(async tx => {
    const current = await readIncident(internals, tx, id, true);
    if (!current) return { ok: false as const, notFound: true as const };
    const result = mutate(current);
    if (!result.ok) return { ok: false as const, error: result.error, current };
    if (!result.changed && result.events.length === 0) {
      return {
        ok: true as const,
        stored: current,
        events: [],
        changed: false,
      };
    }
    const stored: StoredIncident = {
      incident: result.incident,
      ownerRefs: result.ownerRefs ?? current.ownerRefs,
    };
    if (result.changed) {
      await updateIncident(tx, stored, current.incident.version);
      if (
        result.ownerRefs ||
        stored.incident.entityRefs.join('\n') !==
          current.incident.entityRefs.join('\n')
      ) {
        await writeIncidentRelations(tx, stored, true);
      }
    }
    const events = await appendEvents(tx, id, result.events);
    return { ok: true as const, stored, events, changed: result.changed };
  });
}
