import type { StoreInternals } from '../StoreInternals';
import { OVERRIDES } from './rows';

/**
 * Ends an override at `end`, which must fall strictly inside it: false when
 * missing, already over by then, or not begun by `end` (delete that one
 * instead: it never took effect).
 */
export async function truncateOverride(
  internals: StoreInternals,
  id: string,
  end: number,
): Promise<boolean> {
  const updated = await internals
    .db(OVERRIDES)
    .where('id', id)
    .where('start_ms', '<', end)
    .where('end_ms', '>', end)
    .update({ end_ms: end });
  return updated === 1;
}
