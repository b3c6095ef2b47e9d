import type { IncidentAlert } from '@vigil/backstage-plugin-incidents-common';

/** A row of `incident_alerts`. */
export interface AlertRow {
  fingerprint: string;
  alert_name: string | null;
  status: string;
  starts_at: string;
  ends_at: string | null;
  labels: string;
  annotations: string | null;
  generator_url: string | null;
}

export function rowToAlert(row: AlertRow): IncidentAlert {
  return {
    fingerprint: row.fingerprint,
    ...(row.alert_name ? { alertName: row.alert_name } : {}),
    status: row.status as IncidentAlert['status'],
    startsAt: row.starts_at,
    ...(row.ends_at ? { endsAt: row.ends_at } : {}),
    labels: JSON.parse(row.labels),
    ...(row.annotations ? { annotations: JSON.parse(row.annotations) } : {}),
    ...(row.generator_url ? { generatorURL: row.generator_url } : {}),
  };
}
