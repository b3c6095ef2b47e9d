import { whereInValues } from '@vigil/backend-kit';
import type { ReviewListQuery, StoredReview } from '../../LaunchGatesStore';
import type { StoreInternals } from '../StoreInternals';
import { REVIEWS, reviewFromRow, ReviewRow, SIGNERS } from './rows';

/**
 * One page of reviews, target date ascending then newest first, filtered
 * and counted in the database.
 */
export async function listReviews(
  internals: StoreInternals,
  query: ReviewListQuery,
): Promise<{ items: StoredReview[]; totalCount: number }> {
  if (
    query.entityRefs?.length === 0 ||
    query.states?.length === 0 ||
    query.signerRefs?.length === 0
  ) {
    return { items: [], totalCount: 0 };
  }
  const filtered = internals.db<ReviewRow>(REVIEWS);
  if (query.entityRefs) {
    whereInValues(
      filtered,
      'entity_ref',
      query.entityRefs,
      internals.isPostgres,
    );
  }
  if (query.states) filtered.whereIn('state', query.states);
  if (query.targetFrom) filtered.where('target_date', '>=', query.targetFrom);
  if (query.signerRefs) {
    const signerRefs = query.signerRefs;
    filtered.whereIn('id', sub =>
      sub.select('review_id').from(SIGNERS).whereIn('ref', signerRefs),
    );
  }
  const [{ count }] = await filtered
    .clone()
    .count<{ count: number | string }[]>({ count: '*' });
  const totalCount = Number(count);
  if (query.offset >= totalCount) return { items: [], totalCount };
  const rows: ReviewRow[] = await filtered
    .select('*')
    .orderBy('target_date', 'asc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'asc')
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(reviewFromRow), totalCount };
}
