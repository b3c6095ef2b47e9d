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

/**
 * The labels of the burn-rate alerts Vigil's Sloth-compatible generator
 * writes for packages/scoring-api/slo.yaml (plugins/slo-common generate.ts):
 * the SLO's id labels and spec labels from the recording rules, the alert's
 * `sloth_severity` and the spec's page/ticket alert labels.
 */
export function slothAlertLabels(
  severity: 'page' | 'ticket',
  slo: 'availability' | 'latency' = 'availability',
): Record<string, string> {
  return {
    alertname:
      slo === 'availability'
        ? 'ScoringApiAvailabilityBudgetBurn'
        : 'ScoringApiLatencyBudgetBurn',
    owner: 'payments',
    service: 'scoring-api',
    severity,
    sloth_id: `scoring-api-${slo}`,
    sloth_service: 'scoring-api',
    sloth_severity: severity,
    sloth_slo: slo,
    system: 'risk-scoring',
  };
}

/**
 * A notification of one SLO alert group as routed by
 * ops/alertmanager/alertmanager.yml (group_by alertname, sloth_service,
 * sloth_slo, sloth_severity): the page and the ticket alert of one SLO are
 * two groups.
 */
export function slothPayload(
  severity: 'page' | 'ticket',
  alerts: Array<Omit<TestAlert, 'labels'>>,
  options: {
    slo?: 'availability' | 'latency';
    truncatedAlerts?: number;
  } = {},
) {
  const labels = slothAlertLabels(severity, options.slo);
  const groupKey = `{}/{sloth_slo=~".+"}:{alertname="${labels.alertname}", sloth_service="scoring-api", sloth_severity="${severity}", sloth_slo="${labels.sloth_slo}"}`;
  const summary =
    options.slo === 'latency'
      ? 'Too many scoring requests take over 800 ms for the 30-day latency objective.'
      : 'The scoring API is failing requests fast enough to burn its 30-day error budget.';
  const annotations = {
    summary,
    title: `(${severity}) {{$labels.sloth_service}} {{$labels.sloth_slo}} SLO error budget burn rate is too fast.`,
    runbook_url:
      'http://localhost:3000/docs/default/component/scoring-api/high-error-rate/',
  };
  return {
    receiver: 'vigil-incidents',
    status: alerts.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: alerts.map(alert => ({
      status: alert.status,
      labels,
      annotations,
      startsAt: alert.startsAt,
      endsAt:
        alert.status === 'resolved'
          ? alert.endsAt ?? alert.startsAt
          : ZERO_TIME,
      generatorURL: 'http://127.0.0.1:9090/graph?g0.expr=slo%3Asli_error',
      fingerprint: alert.fingerprint,
    })),
    groupLabels: {
      alertname: labels.alertname,
      sloth_service: 'scoring-api',
      sloth_severity: severity,
      sloth_slo: labels.sloth_slo,
    },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: 'http://127.0.0.1:9093',
    version: '4',
    groupKey,
    truncatedAlerts: options.truncatedAlerts ?? 0,
  };
}
