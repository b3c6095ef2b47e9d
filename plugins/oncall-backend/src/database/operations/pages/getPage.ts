import type { StoredPage } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { pageFromRow, PageRow, PAGES } from './rows';

export async function getPage(
  internals: StoreInternals,
  id: string,
): Promise<StoredPage | undefined> {
  const row = await internals.db<PageRow>(PAGES).where('id', id).first();
  return row ? pageFromRow(row) : undefined;
}
