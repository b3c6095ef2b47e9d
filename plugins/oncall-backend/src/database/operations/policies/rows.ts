import { ConflictError } from '@backstage/errors';
import type {
  EscalationPolicy,
  EscalationStep,
} from '@vigil/backstage-plugin-oncall-common';
import { iso, isUniqueViolation } from '../queries';

export const POLICIES = 'oncall_escalation_policies';

/** A row of `oncall_escalation_policies`. */
export interface PolicyRow {
  id: string;
  owner_ref: string;
  name: string;
  description: string | null;
  repeat: number;
  steps: string;
  version: number;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
}

export function policyFromRow(row: PolicyRow): EscalationPolicy {
  return {
    id: row.id,
    ownerRef: row.owner_ref,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    repeat: Number(row.repeat),
    steps: JSON.parse(row.steps) as EscalationStep[],
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * Runs a write that may hit the (owner_ref, name) unique key, turning that
 * into a ConflictError naming the field (a 409 to the caller, not a 500).
 */
export async function uniqueName<T>(
  name: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        `name: the group already has an escalation policy named "${name}"`,
      );
    }
    throw error;
  }
}
