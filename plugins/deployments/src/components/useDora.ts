import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { deploymentsApiRef } from '../api/DeploymentsApi';

/** The window of the DORA figures on the tab. */
export const DORA_DAYS = 30;

/** An entity's DORA figures over the last {@link DORA_DAYS} days. */
export function useDora(entityRef: string) {
  const api = useApi(deploymentsApiRef);
  return useAsync(
    () => api.getDora({ entityRef, days: DORA_DAYS }),
    [api, entityRef],
  );
}
