import type { StoreInternals } from '../StoreInternals';

/** How long a resolution waits for its late firing before it is forgotten. */
export const PENDING_RESOLUTION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Forgets remembered resolutions received before `before` (epoch ms): a
 * firing that late is not coming, and the table stays small.
 */
export async function prunePendingResolutions(
  internals: StoreInternals,
  before: number,
): Promise<number> {
  return internals
    .db('incident_pending_resolutions')
    .where('received_at', '<', before)
    .delete();
}
