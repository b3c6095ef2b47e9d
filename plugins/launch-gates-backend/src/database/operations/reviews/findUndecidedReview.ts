import type { StoredReview } from '../../LaunchGatesStore';
import type { StoreInternals } from '../StoreInternals';
import { REVIEWS, reviewFromRow, ReviewRow } from './rows';

/** The entity's newest review in state open or reopened, if any. */
export async function findUndecidedReview(
  internals: StoreInternals,
  entityRef: string,
): Promise<StoredReview | undefined> {
  const row = await internals
    .db<ReviewRow>(REVIEWS)
    .where('entity_ref', entityRef)
    .whereIn('state', ['open', 'reopened'])
    .orderBy('created_at', 'desc')
    .first();
  return row ? reviewFromRow(row) : undefined;
}
