import type { StoreInternals } from '../StoreInternals';
import { PAGES } from './rows';

/** Open → acknowledged, which stops escalation; false when the page was not open. */
export async function acknowledgePage(
  internals: StoreInternals,
  id: string,
  by: string,
  at: number,
): Promise<boolean> {
  const updated = await internals
    .db(PAGES)
    .where({ id, status: 'open' })
    .update({
      status: 'acknowledged',
      acknowledged_at: at,
      acknowledged_by: by,
      next_escalation_at: null,
    });
  return updated === 1;
}
