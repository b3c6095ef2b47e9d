import type { Postmortem } from '@vigil/backstage-plugin-incidents-common';
import { toMillis } from '@vigil/backstage-plugin-incidents-common';
import type {
  PostmortemMutation,
  PostmortemOutcome,
} from '../../IncidentStore';
import { writeActionItems } from '../actionItems/writeActionItems';
import type { StoreInternals } from '../StoreInternals';
import { appendEvents } from '../timeline/appendEvents';
import { readPostmortem } from './readPostmortem';
import { postmortemToRow } from './rows';

/**
 * Applies `mutate` to the locked postmortem and writes what it decides,
 * with the incident's postmortem state and, once published, a timeline event.
 */
export async function mutatePostmortem<E>(
  internals: StoreInternals,
  id: string,
  mutate: (current: Postmortem) => PostmortemMutation<E>,
  actor?: string,
): Promise<PostmortemOutcome<E>> {
  return internals.db.transaction(async tx => {
    const current = await readPostmortem(internals, tx, { id }, true);
    if (!current) return { ok: false as const, notFound: true as const };
    const result = mutate(current);
    if (!result.ok) return { ok: false as const, error: result.error, current };
    if (!result.changed) {
      return { ok: true as const, postmortem: current, changed: false };
    }
    const next = result.postmortem;
    const updated = await tx('postmortems')
      .where({ id, version: current.version })
      .update(postmortemToRow(next));
    if (updated !== 1) throw new Error(`Concurrent update of postmortem ${id}`);
    await writeActionItems(tx, next);
    if (next.state !== current.state) {
      await tx('incidents')
        .where({ id: next.incidentId })
        .update({
          postmortem_state: next.state,
          updated_at: toMillis(next.updatedAt),
        });
      if (next.state === 'published') {
        await appendEvents(tx, next.incidentId, [
          {
            type: 'postmortem_published',
            at: next.updatedAt,
            actor: actor ?? 'unknown',
            postmortemId: next.id,
          },
        ]);
      }
    }
    return { ok: true as const, postmortem: next, changed: true };
  });
}
