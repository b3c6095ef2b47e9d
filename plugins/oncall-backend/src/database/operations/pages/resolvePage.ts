import type { StoreInternals } from '../StoreInternals';
import { PAGES } from './rows';

/** Open or acknowledged → resolved; false otherwise. */
export async function resolvePage(
  internals: StoreInternals,
  id: string,
  at: number,
): Promise<boolean> {
  const updated = await internals
    .db(PAGES)
    .where('id', id)
    .whereIn('status', ['open', 'acknowledged'])
    .update({ status: 'resolved', resolved_at: at, next_escalation_at: null });
  return updated === 1;
}
