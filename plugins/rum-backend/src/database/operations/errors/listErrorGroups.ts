import type { RumErrorGroup } from '@vigil/backstage-plugin-rum-common';
import { toNumber, type StoreInternals } from '../StoreInternals';
import {
  ERROR_GROUPS,
  type ErrorGroupRow,
  type ErrorGroupSummaryRow,
  toErrorGroup,
} from './rows';

/** One page of groups, most recently seen first, and how many there are. */
export async function listErrorGroups(
  { db }: StoreInternals,
  query: { limit: number; offset: number },
): Promise<{ items: RumErrorGroup[]; totalCount: number }> {
  const rows: ErrorGroupSummaryRow[] = await db<ErrorGroupRow>(ERROR_GROUPS)
    .select(
      'fingerprint',
      'type',
      'message',
      'normalized_message',
      'top_frame',
      'count',
      'session_count',
      'first_seen',
      'last_seen',
      'last_release',
      'releases',
      'routes',
    )
    .orderBy([
      { column: 'last_seen', order: 'desc' },
      { column: 'fingerprint', order: 'asc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db(ERROR_GROUPS).count({ n: '*' });
  return {
    items: rows.map(toErrorGroup),
    totalCount: toNumber(total.n as number),
  };
}
