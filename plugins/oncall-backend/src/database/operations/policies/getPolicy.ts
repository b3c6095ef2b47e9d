import type { EscalationPolicy } from '@vigil/backstage-plugin-oncall-common';
import type { StoreInternals } from '../StoreInternals';
import { policyFromRow, PolicyRow, POLICIES } from './rows';

export async function getPolicy(
  internals: StoreInternals,
  id: string,
): Promise<EscalationPolicy | undefined> {
  const row = await internals.db<PolicyRow>(POLICIES).where('id', id).first();
  return row ? policyFromRow(row) : undefined;
}
