import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../api/DeploymentsApi';

/** How many drills the tab lists (the newest). */
export const DRILLS_SHOWN = 20;

/** An entity's newest rollback drills. */
export function useDrills(entityRef: string) {
  const api = useApi(deploymentsApiRef);
  return useAsync(
    () =>
      api.listDeployments({ entityRef, kind: 'drill', limit: DRILLS_SHOWN }),
    [api, entityRef],
  );
}
