import type { EscalationPolicy } from '@vigil/backstage-plugin-oncall-common';
import type { EscalationPolicyEdit } from '../../OnCallStore';
import type { StoreInternals } from '../StoreInternals';
import { policyFromRow, PolicyRow, POLICIES, uniqueName } from './rows';

/**
 * Rewrites a policy if it is still at `edit.version` (compare-and-set).
 * Undefined when missing, 'conflict' when at another version; a
 * ConflictError when the new name is taken in its group. Its creation
 * (`createdBy`, `createdAt`) stays; `edit.now` becomes `updatedAt`.
 */
export async function updatePolicy(
  internals: StoreInternals,
  edit: EscalationPolicyEdit,
): Promise<EscalationPolicy | 'conflict' | undefined> {
  return uniqueName(edit.name, () =>
    internals.db.transaction(async tx => {
      const updated = await tx(POLICIES)
        .where({ id: edit.id, version: edit.version })
        .update({
          owner_ref: edit.ownerRef,
          name: edit.name,
          description: edit.description ?? null,
          repeat: edit.repeat,
          steps: JSON.stringify(edit.steps),
          version: edit.version + 1,
          updated_at: edit.now,
        });
      const row = await tx<PolicyRow>(POLICIES).where('id', edit.id).first();
      if (!row) return undefined;
      return updated === 1 ? policyFromRow(row) : 'conflict';
    }),
  );
}
