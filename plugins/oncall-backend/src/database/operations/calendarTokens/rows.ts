import type { CalendarToken } from '../../OnCallStore';
import { toMs, toMsOrUndefined } from '../queries';

export const CALENDAR_TOKENS = 'oncall_calendar_tokens';

/** A row of `oncall_calendar_tokens`. */
export interface CalendarTokenRow {
  id: string;
  token_hash: string;
  kind: string;
  subject: string;
  created_by: string;
  created_at: number | string;
  revoked_at: number | string | null;
  revoked_by: string | null;
}

/** Never returns the hash: callers only need to know the token exists. */
export function calendarTokenFromRow(row: CalendarTokenRow): CalendarToken {
  const revokedAt = toMsOrUndefined(row.revoked_at);
  return {
    id: row.id,
    kind: row.kind as CalendarToken['kind'],
    subject: row.subject,
    createdBy: row.created_by,
    createdAt: toMs(row.created_at),
    ...(revokedAt !== undefined && { revokedAt }),
  };
}
