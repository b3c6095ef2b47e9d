import type { StoredReview } from '../../LaunchGatesStore';
import type { StoreInternals } from '../StoreInternals';
import { REVIEWS, reviewFromRow, ReviewRow } from './rows';

export async function getReview(
  internals: StoreInternals,
  id: string,
): Promise<StoredReview | undefined> {
  const row = await internals.db<ReviewRow>(REVIEWS).where('id', id).first();
  return row ? reviewFromRow(row) : undefined;
}
