import type { StoreInternals } from '../StoreInternals';
import { CALENDAR_TOKENS } from './rows';

/**
 * Revokes a live token, recording who did; false when missing or revoked
 * already. Whether `by` may revoke it is the service's check.
 */
export async function revokeCalendarToken(
  internals: StoreInternals,
  id: string,
  by: string,
  at: number,
): Promise<boolean> {
  const updated = await internals
    .db(CALENDAR_TOKENS)
    .where('id', id)
    .whereNull('revoked_at')
    .update({ revoked_at: at, revoked_by: by });
  return updated === 1;
}
