import type { PageDelivery } from '../../OnCallStore';
import { chunks } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { deliveryFromRow, DeliveryRow, DELIVERIES } from './rows';

/** The deliveries of these pages (one query per 500 pages), in the order they happened. */
export async function listDeliveries(
  internals: StoreInternals,
  pageIds: string[],
): Promise<PageDelivery[]> {
  const deliveries: PageDelivery[] = [];
  for (const chunk of chunks(pageIds)) {
    const rows = await internals
      .db<DeliveryRow>(DELIVERIES)
      .whereIn('page_id', chunk);
    deliveries.push(...rows.map(deliveryFromRow));
  }
  return deliveries.sort(
    (a, b) =>
      a.at - b.at ||
      a.pageId.localeCompare(b.pageId) ||
      a.repeatIndex - b.repeatIndex ||
      a.stepIndex - b.stepIndex ||
      a.userRef.localeCompare(b.userRef) ||
      a.channel.localeCompare(b.channel),
  );
}
