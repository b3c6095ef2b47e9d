import { useApi } from '@backstage/core-plugin-api';
import type { RumUsageRange } from '@vigil/backstage-plugin-rum-common';
import useAsync from 'react-use/esm/useAsync';
import { rumApiRef } from '../api/RumApi';

/** The portal's usage over a range ending now. */
export function usePortalUsage(range: RumUsageRange) {
  const api = useApi(rumApiRef);
  return useAsync(() => api.getUsage(range), [api, range]);
}
