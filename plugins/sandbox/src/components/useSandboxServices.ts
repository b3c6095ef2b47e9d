import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { sandboxApiRef } from '../api/SandboxApi';

/** SLOs are evaluated every 15 s by default: the page follows them. */
const REFRESH_MS = 15_000;

/**
 * The sandbox services with their faults and SLOs, reloaded every 15 s so
 * the page shows SLOs burning, and a way to reload them now.
 */
export function useSandboxServices() {
  const api = useApi(sandboxApiRef);
  const state = useAsyncRetry(() => api.listServices(), [api]);
  useInterval(state.retry, REFRESH_MS);
  return state;
}
