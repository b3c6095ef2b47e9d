import type { NewPage, StoredPage } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { pageToRow, PAGES } from './rows';

/** Stores an open page before its first step (step -1 of repeat 0). */
export async function createPage(
  internals: StoreInternals,
  input: NewPage,
): Promise<StoredPage> {
  const page: StoredPage = {
    ...input,
    id: internals.newId(),
    status: 'open',
    stepIndex: -1,
    repeatIndex: 0,
  };
  await internals.db(PAGES).insert(pageToRow(page));
  return page;
}
