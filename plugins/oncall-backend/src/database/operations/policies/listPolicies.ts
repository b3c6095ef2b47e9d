import type { EscalationPolicy } from '@vigil/backstage-plugin-oncall-common';
import { countRows } from '../queries';
import type { StoreInternals } from '../StoreInternals';
import { policyFromRow, PolicyRow, POLICIES } from './rows';

/**
 * One page of policies, oldest first (a group's first policy is its
 * default), filtered and counted in the database.
 */
export async function listPolicies(
  internals: StoreInternals,
  query: { ownerRefs?: string[]; limit: number; offset: number },
): Promise<{ items: EscalationPolicy[]; total: number }> {
  if (query.ownerRefs?.length === 0) return { items: [], total: 0 };
  const filtered = internals.db<PolicyRow>(POLICIES);
  if (query.ownerRefs) filtered.whereIn('owner_ref', query.ownerRefs);
  const total = await countRows(filtered);
  if (query.offset >= total) return { items: [], total };
  const rows: PolicyRow[] = await filtered
    .select('*')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(policyFromRow), total };
}
