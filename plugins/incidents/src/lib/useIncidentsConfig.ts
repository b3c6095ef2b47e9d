import { useApi } from '@backstage/core-plugin-api';
import {
  IncidentsUiConfig,
  resolveSeverityTable,
} from '@vigil/backstage-plugin-incidents-common';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../api/IncidentsApi';

/** What the UI assumes until (or if) `/config` answers: the built-in defaults. */
export const DEFAULT_UI_CONFIG: IncidentsUiConfig = {
  severities: resolveSeverityTable(),
  allowCloseWithoutPublishedPostmortem: false,
};

/**
 * The backend's UI config (severity names, closing rule). Falls back to the
 * defaults while loading or on error, so that choices are always rendered;
 * the server still enforces its own rules.
 */
export function useIncidentsConfig(): {
  config: IncidentsUiConfig;
  loading: boolean;
} {
  const api = useApi(incidentsApiRef);
  const { value, loading } = useAsync(() => api.getConfig(), [api]);
  return { config: value ?? DEFAULT_UI_CONFIG, loading };
}
