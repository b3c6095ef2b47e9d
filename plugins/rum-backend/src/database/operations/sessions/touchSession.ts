import type { StoreInternals } from '../StoreInternals';

/**
 * Records that a session sent something: inserted when new (true), else
 * its last-seen time (and its user hash, if it was anonymous) updated.
 * Insert-or-ignore, so two replicas seeing one new session count it once.
 */
export async function touchSession(
  { db }: StoreInternals,
  session: { id: string; userHash?: string; release?: string },
  now: number,
): Promise<boolean> {
  const inserted = await db('rum_sessions')
    .insert({
      session_id: session.id,
      user_hash: session.userHash ?? null,
      app_release: session.release ?? null,
      started_at: now,
      last_seen_at: now,
      has_error: false,
    })
    .onConflict('session_id')
    .ignore()
    .returning('session_id');
  if (inserted.length > 0) return true;
  await db('rum_sessions')
    .where('session_id', session.id)
    .update({
      last_seen_at: db.raw(
        'CASE WHEN last_seen_at < ? THEN ? ELSE last_seen_at END',
        [now, now],
      ),
      ...(session.userHash && {
        user_hash: db.raw('COALESCE(user_hash, ?)', [session.userHash]),
      }),
    });
  return false;
}
