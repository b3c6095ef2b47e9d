import type { RumExceptionOccurrence } from '../../RumStore';
import type { StoreInternals } from '../StoreInternals';
import {
  appendBounded,
  ERROR_GROUPS,
  ErrorGroupRow,
  MAX_RELEASES,
  MAX_ROUTES,
} from './rows';

/**
 * Adds one occurrence to its group (created on the first): count, last
 * seen, release and route lists, the latest message and stack; the
 * session count grows once per session. Run inside a transaction; the row
 * is locked on PostgreSQL so concurrent replicas add up.
 */
export async function recordException(
  internals: StoreInternals,
  occurrence: RumExceptionOccurrence,
  sessionId: string | undefined,
): Promise<void> {
  const { db, isPostgres } = internals;
  let newSession = 0;
  if (sessionId) {
    const linked = await db('rum_error_sessions')
      .insert({
        fingerprint: occurrence.fingerprint,
        session_id: sessionId,
        seen_at: occurrence.at,
      })
      .onConflict(['fingerprint', 'session_id'])
      .ignore()
      .returning('fingerprint');
    newSession = linked.length;
  }
  const latest = {
    message: occurrence.message,
    stack: JSON.stringify(occurrence.stack),
    raw_stack: JSON.stringify(occurrence.rawStack),
    mapped: occurrence.mapped,
  };
  const select = () => {
    const query = db<ErrorGroupRow>(ERROR_GROUPS)
      .where('fingerprint', occurrence.fingerprint)
      .first();
    return isPostgres ? query.forUpdate() : query;
  };
  let row = await select();
  if (!row) {
    const inserted = await db(ERROR_GROUPS)
      .insert({
        fingerprint: occurrence.fingerprint,
        type: occurrence.type,
        normalized_message: occurrence.normalizedMessage,
        top_frame: occurrence.topFrame,
        count: 1,
        session_count: newSession,
        first_seen: occurrence.at,
        last_seen: occurrence.at,
        last_release: occurrence.release ?? null,
        releases: JSON.stringify(
          appendBounded([], occurrence.release, MAX_RELEASES),
        ),
        routes: JSON.stringify([occurrence.route]),
        ...latest,
      })
      .onConflict('fingerprint')
      .ignore()
      .returning('fingerprint');
    if (inserted.length > 0) return;
    // Another replica created it meanwhile: add to theirs.
    row = await select();
    if (!row) return;
  }
  const newer = occurrence.at >= Number(row.last_seen);
  await db(ERROR_GROUPS)
    .where('fingerprint', occurrence.fingerprint)
    .update({
      count: db.raw('count + 1'),
      session_count: db.raw('session_count + ?', [newSession]),
      first_seen: Math.min(Number(row.first_seen), occurrence.at),
      releases: JSON.stringify(
        appendBounded(
          JSON.parse(row.releases),
          occurrence.release,
          MAX_RELEASES,
        ),
      ),
      routes: JSON.stringify(
        appendBounded(JSON.parse(row.routes), occurrence.route, MAX_ROUTES),
      ),
      ...(newer && {
        last_seen: occurrence.at,
        last_release: occurrence.release ?? row.last_release,
        ...latest,
      }),
    });
}
