import type { CalendarToken } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import {
  calendarTokenFromRow,
  CalendarTokenRow,
  CALENDAR_TOKENS,
} from './rows';

/** Stores the SHA-256 of a feed token (the caller hashes), never the token. */
export async function createCalendarToken(
  internals: StoreInternals,
  input: {
    tokenHash: string;
    kind: CalendarToken['kind'];
    subject: string;
    createdBy: string;
    createdAt: number;
  },
): Promise<CalendarToken> {
  const row: CalendarTokenRow = {
    id: internals.newId(),
    token_hash: input.tokenHash,
    kind: input.kind,
    subject: input.subject,
    created_by: input.createdBy,
    created_at: input.createdAt,
    revoked_at: null,
    revoked_by: null,
  };
  await internals.db(CALENDAR_TOKENS).insert(row);
  return calendarTokenFromRow(row);
}
