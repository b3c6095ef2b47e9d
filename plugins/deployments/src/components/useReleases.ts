import { useApi } from '@backstage/core-plugin-api';
import type { DeploymentRecord } from '@vigil/backstage-plugin-deployments-common';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../api/DeploymentsApi';

/** How many releases the tab lists (the newest). */
export const RELEASES_SHOWN = 50;

export interface Releases {
  /** Deploys and rollbacks, newest start first. */
  items: DeploymentRecord[];
  totalCount: number;
}

const byStartDesc = (a: DeploymentRecord, b: DeploymentRecord) =>
  Date.parse(b.startedAt) - Date.parse(a.startedAt);

/**
 * An entity's newest deploys and rollbacks (drills have their own table).
 * The API filters one kind at a time; the newest of each, merged, are the
 * newest of both.
 */
export function useReleases(entityRef: string) {
  const api = useApi(deploymentsApiRef);
  return useAsync(async (): Promise<Releases> => {
    const [deploys, rollbacks] = await Promise.all(
      (['deploy', 'rollback'] as const).map(kind =>
        api.listDeployments({ entityRef, kind, limit: RELEASES_SHOWN }),
      ),
    );
    return {
      items: [...deploys.items, ...rollbacks.items]
        .sort(byStartDesc)
        .slice(0, RELEASES_SHOWN),
      totalCount: deploys.totalCount + rollbacks.totalCount,
    };
  }, [api, entityRef]);
}
