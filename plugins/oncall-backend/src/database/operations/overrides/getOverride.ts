import type { Override } from '@vigil/backstage-plugin-oncall-common';
import type { StoreInternals } from '../StoreInternals';
import { overrideFromRow, OverrideRow, OVERRIDES } from './rows';

export async function getOverride(
  internals: StoreInternals,
  id: string,
): Promise<Override | undefined> {
  const row = await internals
    .db<OverrideRow>(OVERRIDES)
    .where('id', id)
    .first();
  return row ? overrideFromRow(row) : undefined;
}
