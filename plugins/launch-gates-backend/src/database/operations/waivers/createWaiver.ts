import type { NewWaiver, StoredWaiver } from '../../LaunchGatesStore';
import { appendEvents } from '../events/rows';
import { msOf, type StoreInternals } from '../StoreInternals';
import { WAIVERS, WaiverRow } from './rows';

/** Appends a waiver and its `waived` event (waivers are never changed). */
export async function createWaiver(
  internals: StoreInternals,
  input: NewWaiver,
): Promise<StoredWaiver> {
  const waiver: StoredWaiver = {
    ...input.waiver,
    id: internals.newId(),
    expiryNoticedAt: null,
  };
  const row: WaiverRow = {
    id: waiver.id,
    review_id: waiver.reviewId,
    check_id: waiver.checkId,
    reason: waiver.reason,
    expires_at: msOf(waiver.expiresAt),
    created_by: waiver.createdBy,
    created_at: msOf(waiver.createdAt),
    evidence_hash: waiver.evidenceHash,
  };
  await internals.db.transaction(async tx => {
    await tx(WAIVERS).insert(row);
    await appendEvents(internals, tx, [
      { ...input.event, data: { ...input.event.data, waiverId: waiver.id } },
    ]);
  });
  return waiver;
}
