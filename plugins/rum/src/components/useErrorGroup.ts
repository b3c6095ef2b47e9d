import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { rumApiRef } from '../api/RumApi';

/** One group with its (source-mapped) stack. */
export function useErrorGroup(fingerprint: string) {
  const api = useApi(rumApiRef);
  return useAsync(() => api.getErrorGroup(fingerprint), [api, fingerprint]);
}
