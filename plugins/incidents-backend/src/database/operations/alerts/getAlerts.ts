import type { IncidentAlert } from '@vigil/backstage-plugin-incidents-common';
import type { StoreInternals } from '../StoreInternals';
import { AlertRow, rowToAlert } from './rows';

/** The alerts attached to an incident, earliest start first. */
export async function getAlerts(
  internals: StoreInternals,
  incidentId: string,
): Promise<IncidentAlert[]> {
  const rows: AlertRow[] = await internals
    .db('incident_alerts')
    .where({ incident_id: incidentId })
    .orderBy('starts_at', 'asc');
  return rows.map(rowToAlert);
}
