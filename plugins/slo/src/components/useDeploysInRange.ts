import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  DeploymentsClient,
  type DeploymentRecord,
} from '@vigil/backstage-plugin-deployments-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

const NONE: readonly DeploymentRecord[] = [];

/**
 * The entity's deploys, rollbacks and drills that started in `[from, to]`,
 * for the burn-down chart's markers. Read from the deployments plugin's HTTP
 * API with deployments-common's client (the user's token added by the fetch
 * API). Without an answer (loading, or the API failing) there are none: the
 * markers are context, and the chart never waits for them or breaks.
 */
export function useDeploysInRange(
  entityRef: string | undefined,
  from: string | undefined,
  to: string | undefined,
): readonly DeploymentRecord[] {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const client = useMemo(
    () => new DeploymentsClient({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
  const { value } = useAsync(async () => {
    if (!entityRef || !from || !to) return NONE;
    const fromMs = Date.parse(from);
    return client.deploymentsAround(entityRef, fromMs, {
      before: 0,
      after: Math.max(0, Date.parse(to) - fromMs),
    });
  }, [client, entityRef, from, to]);
  return value ?? NONE;
}
