import type { CalendarToken } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import {
  calendarTokenFromRow,
  CalendarTokenRow,
  CALENDAR_TOKENS,
} from './rows';

/** The live (unrevoked) token with this hash, if any. */
export async function findCalendarToken(
  internals: StoreInternals,
  tokenHash: string,
): Promise<CalendarToken | undefined> {
  const row = await internals
    .db<CalendarTokenRow>(CALENDAR_TOKENS)
    .where('token_hash', tokenHash)
    .whereNull('revoked_at')
    .first();
  return row ? calendarTokenFromRow(row) : undefined;
}
