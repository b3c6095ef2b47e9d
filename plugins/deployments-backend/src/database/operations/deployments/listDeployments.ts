import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import type { Knex } from 'knex';
import type { DeploymentListQuery } from '../../DeploymentsStore';
import type { StoreInternals } from '../StoreInternals';
import { DEPLOYMENTS, deploymentFromRow, DeploymentRow } from './rows';

/**
 * Keeps rows of `entityRefs`. The refs travel as one JSON parameter, so any
 * number of readable entities fits the drivers' bind-parameter limits.
 */
function whereEntityIn(
  internals: StoreInternals,
  query: Knex.QueryBuilder,
  entityRefs: readonly string[],
): void {
  if (entityRefs.length === 1) {
    query.where('entity_ref', entityRefs[0]);
    return;
  }
  query.whereRaw(
    internals.isPostgres
      ? 'entity_ref in (select jsonb_array_elements_text(?::jsonb))'
      : 'entity_ref in (select value from json_each(?))',
    [JSON.stringify(entityRefs)],
  );
}

/** One page of records, newest `startedAt` first, filtered and counted in the database. */
export async function listDeployments(
  internals: StoreInternals,
  query: DeploymentListQuery,
): Promise<{ items: DeploymentRecord[]; totalCount: number }> {
  if (query.entityRefs?.length === 0 || query.kinds?.length === 0) {
    return { items: [], totalCount: 0 };
  }
  const filtered = internals.db<DeploymentRow>(DEPLOYMENTS);
  if (query.entityRefs) whereEntityIn(internals, filtered, query.entityRefs);
  if (query.kinds) filtered.whereIn('kind', query.kinds);
  if (query.from !== undefined) filtered.where('started_at', '>=', query.from);
  if (query.to !== undefined) filtered.where('started_at', '<', query.to);

  const [{ count }] = await filtered
    .clone()
    .count<{ count: number | string }[]>({ count: '*' });
  const totalCount = Number(count);
  if (query.offset >= totalCount) return { items: [], totalCount };
  const rows: DeploymentRow[] = await filtered
    .select('*')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(deploymentFromRow), totalCount };
}
