import { useApi } from '@backstage/core-plugin-api';
import type {
  EntityHealth,
  HealthRange,
} from '@vigil/backstage-plugin-service-health-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { serviceHealthApiRef } from '../api';

/** How often an open tab asks again (the backend caches for about as long). */
export const HEALTH_REFRESH_MS = 30_000;

/**
 * An entity's health over a range, asked again every HEALTH_REFRESH_MS
 * while the tab is open. The last answer stays while the next loads, so
 * switching ranges or refreshing never blanks the charts.
 */
export function useEntityHealth(
  entity: { kind: string; namespace?: string; name: string },
  range: HealthRange,
): {
  health?: EntityHealth;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(serviceHealthApiRef);
  const { kind, namespace, name } = entity;
  const state = useAsyncRetry(
    () => api.getEntityHealth({ kind, namespace, name }, range),
    [api, kind, namespace, name, range],
  );
  useInterval(state.retry, HEALTH_REFRESH_MS);
  return {
    health: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
