import type { ReviewEdit, StoredReview } from '../../LaunchGatesStore';
import { appendEvents } from '../events/rows';
import { msOf, type StoreInternals } from '../StoreInternals';
import { REVIEWS, reviewFromRow, ReviewRow } from './rows';

/**
 * Changes the title or target date of a review still at `edit.revision`
 * (compare-and-set), with an `edited` event. Undefined when missing,
 * 'conflict' when at another revision.
 */
export async function editReview(
  internals: StoreInternals,
  edit: ReviewEdit,
): Promise<StoredReview | 'conflict' | undefined> {
  const changes: Partial<ReviewRow> = {
    revision: edit.revision + 1,
    updated_at: msOf(edit.now),
  };
  if (edit.title !== undefined) changes.title = edit.title;
  if (edit.targetDate !== undefined) changes.target_date = edit.targetDate;
  return internals.db.transaction(async tx => {
    const updated = await tx(REVIEWS)
      .where({ id: edit.id, revision: edit.revision })
      .update(changes);
    if (updated === 1) await appendEvents(internals, tx, [edit.event]);
    const row = await tx<ReviewRow>(REVIEWS).where('id', edit.id).first();
    if (!row) return undefined;
    return updated === 1 ? reviewFromRow(row) : 'conflict';
  });
}
