import type { RumErrorGroupDetail } from '@vigil/backstage-plugin-rum-common';
import type { StoreInternals } from '../StoreInternals';
import { ERROR_GROUPS, type ErrorGroupRow, toErrorGroupDetail } from './rows';

/** One group with its latest stack; undefined when unknown. */
export async function getErrorGroup(
  { db }: StoreInternals,
  fingerprint: string,
): Promise<RumErrorGroupDetail | undefined> {
  const row = await db<ErrorGroupRow>(ERROR_GROUPS)
    .where('fingerprint', fingerprint)
    .first();
  return row ? toErrorGroupDetail(row) : undefined;
}
