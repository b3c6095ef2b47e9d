import type { EscalationPolicy } from '@vigil/backstage-plugin-oncall-common';
import type { NewEscalationPolicy } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { policyFromRow, PolicyRow, POLICIES, uniqueName } from './rows';

/** Stores a policy at version 1; a ConflictError when its group has one of that name. */
export async function createPolicy(
  internals: StoreInternals,
  input: NewEscalationPolicy,
): Promise<EscalationPolicy> {
  const row: PolicyRow = {
    id: internals.newId(),
    owner_ref: input.ownerRef,
    name: input.name,
    description: input.description ?? null,
    repeat: input.repeat,
    steps: JSON.stringify(input.steps),
    version: 1,
    created_by: input.createdBy,
    created_at: input.now,
    updated_at: input.now,
  };
  await uniqueName(input.name, () => internals.db(POLICIES).insert(row));
  return policyFromRow(row);
}
