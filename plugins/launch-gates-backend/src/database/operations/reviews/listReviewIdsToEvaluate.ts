import type { StoreInternals } from '../StoreInternals';
import { REVIEWS } from './rows';

/** Reviews whose checks still matter: open, go (may reopen) and reopened. */
export async function listReviewIdsToEvaluate(
  internals: StoreInternals,
): Promise<string[]> {
  const rows: { id: string }[] = await internals
    .db(REVIEWS)
    .whereIn('state', ['open', 'go', 'reopened'])
    .orderBy('target_date', 'asc')
    .orderBy('id', 'asc')
    .select('id');
  return rows.map(row => row.id);
}
