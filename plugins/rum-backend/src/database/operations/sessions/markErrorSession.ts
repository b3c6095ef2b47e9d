import type { StoreInternals } from '../StoreInternals';

/**
 * Marks a session as having raised an exception; true only the first time
 * (a conditional update, so replicas agree), which is when the
 * error-sessions counter counts it.
 */
export async function markErrorSession(
  { db }: StoreInternals,
  sessionId: string,
): Promise<boolean> {
  const updated = await db('rum_sessions')
    .where({ session_id: sessionId, has_error: false })
    .update({ has_error: true });
  return Number(updated) > 0;
}
