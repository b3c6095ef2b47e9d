import type { Override } from '@vigil/backstage-plugin-oncall-common';
import type { NewOverride } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { overrideFromRow, OverrideRow, OVERRIDES } from './rows';

export async function createOverride(
  internals: StoreInternals,
  input: NewOverride,
): Promise<Override> {
  const row: OverrideRow = {
    id: internals.newId(),
    schedule_id: input.scheduleId,
    start_ms: input.start,
    end_ms: input.end,
    action: input.action,
    user_ref: input.userRef,
    replaces_ref: input.replacesRef ?? null,
    note: input.note ?? null,
    created_by: input.createdBy,
    created_at: input.createdAt,
  };
  await internals.db(OVERRIDES).insert(row);
  return overrideFromRow(row);
}
