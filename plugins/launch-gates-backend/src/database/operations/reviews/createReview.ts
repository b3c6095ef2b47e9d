import type { NewReview, StoredReview } from '../../LaunchGatesStore';
import { appendEvents } from '../events/rows';
import { upsertResults } from '../results/rows';
import type { StoreInternals } from '../StoreInternals';
import { REVIEWS, rowOfReview, SIGNERS } from './rows';

/** Stores a review with its first (pending) results, signers and `opened` event. */
export async function createReview(
  internals: StoreInternals,
  input: NewReview,
): Promise<StoredReview> {
  await internals.db.transaction(async tx => {
    await tx(REVIEWS).insert(rowOfReview(input.review));
    await upsertResults(tx, input.review.id, input.results);
    if (input.signers.length > 0) {
      await tx(SIGNERS).insert(
        input.signers.map(ref => ({ review_id: input.review.id, ref })),
      );
    }
    await appendEvents(internals, tx, [input.event]);
  });
  return input.review;
}
