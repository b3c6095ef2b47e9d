import type { Knex } from 'knex';
import type { Postmortem } from '@vigil/backstage-plugin-incidents-common';
import { writeActionItems } from '../actionItems/writeActionItems';
import { readIncident } from '../incidents/readIncident';
import type { StoreInternals } from '../StoreInternals';
import { appendEvents } from '../timeline/appendEvents';
import { readPostmortem } from './readPostmortem';
import { postmortemToRow } from './rows';

/**
 * Stores an incident's postmortem unless it has one (or the incident is
 * gone), then returns the one it has.
 */
export async function createPostmortem(
  internals: StoreInternals,
  postmortem: Postmortem,
  createdBy: string,
): Promise<{ created: boolean; postmortem: Postmortem }> {
  return internals.db.transaction(async tx => {
    // Lock the incident so two "create postmortem" clicks make one.
    const incident = await readIncident(
      internals,
      tx,
      postmortem.incidentId,
      true,
    );
    const existing = await readPostmortem(internals, tx, {
      incident_id: postmortem.incidentId,
    });
    if (existing || !incident) {
      return { created: false, postmortem: existing ?? postmortem };
    }
    await insertPostmortem(tx, postmortem, createdBy);
    await tx('incidents')
      .where({ id: postmortem.incidentId })
      .update({ postmortem_state: postmortem.state });
    await appendEvents(tx, postmortem.incidentId, [
      {
        type: 'postmortem_created',
        at: postmortem.createdAt,
        actor: createdBy,
        postmortemId: postmortem.id,
      },
    ]);
    return { created: true, postmortem };
  });
}

/**
 * Inserts a new postmortem with its action items inside `tx`; the incident's
 * postmortem state and timeline are the caller's (the incidents benchmark
 * seeds many in one transaction with them).
 */
export async function insertPostmortem(
  tx: Knex.Transaction,
  postmortem: Postmortem,
  createdBy: string,
): Promise<void> {
  await tx('postmortems').insert(postmortemToRow(postmortem, createdBy));
  await writeActionItems(tx, postmortem);
}
