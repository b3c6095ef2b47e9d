import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../api';

/** Who is on call for an entity now (through its owner), and its policy. */
export function useEntityOnCall(entityRef: string) {
  const api = useApi(onCallApiRef);
  return useAsyncRetry(() => api.getOnCall({ entityRef }), [api, entityRef]);
}
