/**
 * Alertmanager webhook payloads shaped exactly as Alertmanager 0.25 sends
 * them (nanosecond timestamps, the zero `endsAt` of firing alerts,
 * `truncatedAlerts`), built per alert so tests can script a group's life.
 */
export interface TestAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  startsAt: string;
  endsAt?: string;
  labels?: Record<string, string>;
}

export const GROUP_KEY =
  '{}/{sloth_slo=~".+"}:{alertname="ScoringApiHighErrorRate", sloth_service="scoring-api", sloth_slo="requests-availability", sloth_severity="page"}';

const ZERO_TIME = '0001-01-01T00:00:00Z';

export function webhookPayload(
  alerts: TestAlert[],
  options: {
    groupKey?: string;
    truncatedAlerts?: number;
    commonLabels?: Record<string, string>;
  } = {},
) {
  const base = {
    alertname: 'ScoringApiHighErrorRate',
    sloth_service: 'scoring-api',
    sloth_slo: 'requests-availability',
    sloth_severity: 'page',
  };
  const status = alerts.some(a => a.status === 'firing')
    ? 'firing'
    : 'resolved';
  return {
    receiver: 'vigil-incidents',
    status,
    alerts: alerts.map(alert => ({
      status: alert.status,
      labels: { ...base, instance: alert.fingerprint, ...(alert.labels ?? {}) },
      annotations: {
        summary: 'Scoring API is burning its availability error budget',
        runbook_url: 'http://localhost:3000/docs/default/component/scoring-api',
      },
      startsAt: alert.startsAt,
      endsAt:
        alert.status === 'resolved'
          ? alert.endsAt ?? alert.startsAt
          : ZERO_TIME,
      generatorURL:
        'http://127.0.0.1:9090/graph?g0.expr=slo%3Asli_error%3Aratio_rate5m',
      fingerprint: alert.fingerprint,
    })),
    groupLabels: { alertname: base.alertname, sloth_service: 'scoring-api' },
    commonLabels: options.commonLabels ?? base,
    commonAnnotations: {
      summary: 'Scoring API is burning its availability error budget',
    },
    externalURL: 'http://127.0.0.1:9093',
    version: '4',
    groupKey: options.groupKey ?? GROUP_KEY,
    truncatedAlerts: options.truncatedAlerts ?? 0,
  };
}
