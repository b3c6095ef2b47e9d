import type { PageDelivery } from '../../OnCallStore';
import { INSERT_CHUNK } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { DELIVERIES, DELIVERY_KEY, deliveryToRow } from './rows';

/**
 * Records deliveries; one already recorded (same page, repeat, step, user
 * and channel) is skipped, so a retried step records nothing twice.
 */
export async function recordDeliveries(
  internals: StoreInternals,
  deliveries: PageDelivery[],
): Promise<void> {
  const rows = deliveries.map(deliveryToRow);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await internals
      .db(DELIVERIES)
      .insert(rows.slice(i, i + INSERT_CHUNK))
      .onConflict(DELIVERY_KEY)
      .ignore();
  }
}
