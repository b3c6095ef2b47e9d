import type { CalendarToken } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import {
  calendarTokenFromRow,
  CalendarTokenRow,
  CALENDAR_TOKENS,
} from './rows';

/** The tokens a user created, revoked ones included, oldest first. */
export async function listCalendarTokens(
  internals: StoreInternals,
  createdBy: string,
): Promise<CalendarToken[]> {
  const rows = await internals
    .db<CalendarTokenRow>(CALENDAR_TOKENS)
    .where('created_by', createdBy)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc');
  return rows.map(calendarTokenFromRow);
}
