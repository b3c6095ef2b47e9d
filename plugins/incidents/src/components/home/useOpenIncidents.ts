import { useApi } from '@backstage/core-plugin-api';
import { SEVERITIES } from '@vigil/backstage-plugin-incidents-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { incidentsApiRef } from '../../api/IncidentsApi';
import type { Incident } from '../../api/types';
import { useIncidentSignal } from '../../lib/useIncidentSignal';

/**
 * Open incidents the widget asks for. The server lists newest first; asking
 * for this many lets the widget sort by severity across all of them in
 * practice (a hundred incidents open at once is a different problem).
 */
export const OPEN_INCIDENTS_FETCH_LIMIT = 100;

/** Most severe first (SEV1 before SEV2), then the newest declared first. */
export function sortBySeverity(incidents: Incident[]): Incident[] {
  const rank = (incident: Incident) => {
    const index = SEVERITIES.indexOf(incident.severity);
    return index < 0 ? SEVERITIES.length : index;
  };
  return [...incidents].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.timestamps.declaredAt.localeCompare(a.timestamps.declaredAt),
  );
}

/**
 * Incidents that are not resolved yet, most severe first; reloads when the
 * backend announces a declared or changed incident.
 */
export function useOpenIncidents() {
  const api = useApi(incidentsApiRef);
  const state = useAsyncRetry(async () => {
    // Practice in the sandbox is nobody's open incident.
    const list = await api.listIncidents({
      status: 'open',
      sandbox: 'exclude',
      limit: OPEN_INCIDENTS_FETCH_LIMIT,
    });
    return { items: sortBySeverity(list.items), totalCount: list.totalCount };
  }, [api]);
  useIncidentSignal(signal => {
    if (
      signal.type === 'incident_declared' ||
      signal.type === 'incident_updated'
    ) {
      state.retry();
    }
  });
  return state;
}
