import type { SignOff } from '@vigil/backstage-plugin-launch-gates-common';
import type { NewSignOff } from '../../LaunchGatesStore';
import { appendEvents } from '../events/rows';
import { REVIEWS } from '../reviews/rows';
import { msOf, type StoreInternals } from '../StoreInternals';
import { SIGN_OFFS, SignOffRow } from './rows';

/**
 * Appends a sign-off (never changed afterwards), sets the review's state
 * to its decision and appends the `signed` event, in one transaction.
 */
export async function createSignOff(
  internals: StoreInternals,
  input: NewSignOff,
): Promise<SignOff> {
  const signOff: SignOff = { ...input.signOff, id: internals.newId() };
  const row: SignOffRow = {
    id: signOff.id,
    review_id: signOff.reviewId,
    decision: signOff.decision,
    comment: signOff.comment,
    signed_by: signOff.signedBy,
    signed_at: msOf(signOff.signedAt),
    evidence_hash: signOff.evidenceHash,
    check_statuses: JSON.stringify(signOff.checkStatuses),
    waiver_ids: JSON.stringify(signOff.waiverIds),
  };
  await internals.db.transaction(async tx => {
    await tx(SIGN_OFFS).insert(row);
    await tx(REVIEWS)
      .where('id', signOff.reviewId)
      .update({ state: input.state, updated_at: row.signed_at });
    await appendEvents(internals, tx, [
      { ...input.event, data: { ...input.event.data, signOffId: signOff.id } },
    ]);
  });
  return signOff;
}
