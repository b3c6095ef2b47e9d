import type { AddServiceValues } from './serviceInput';
import { pascalCase, refName, yamlNumber, yamlString } from './yamlText';

/** Options of the rendered files that come from the portal, not the form. @public */
export interface RenderOptions {
  /** The portal's address (app.baseUrl), for runbook links in alerts. */
  portalBaseUrl?: string;
}

/** Seconds as Prometheus writes a bucket's `le` label: 800 ms is "0.8". */
export function leLabel(thresholdMs: number): string {
  return String(thresholdMs / 1000);
}

/** A duration for people: 800 ms, 1.5 s. */
function humanThreshold(thresholdMs: number): string {
  return thresholdMs < 1000 ? `${thresholdMs} ms` : `${thresholdMs / 1000} s`;
}

/**
 * The service's SLO spec (Sloth `prometheus/v1`), like the scoring API's:
 * availability (requests without a 5xx) and latency (requests under the
 * threshold), from the conventional HTTP metrics of prom-client and most
 * other clients (`http_requests_total` with a `status` label and the
 * `http_request_duration_seconds` histogram), selected by job.
 *
 * @public
 */
export function renderSloSpec(
  values: AddServiceValues,
  options: RenderOptions = {},
): string {
  const { name, prometheusJob } = values;
  const job = `job="${prometheusJob}"`;
  const alertPrefix = pascalCase(name);
  const threshold = humanThreshold(values.latencyThresholdMs);
  const runbook = options.portalBaseUrl
    ? `${options.portalBaseUrl.replace(
        /\/+$/,
        '',
      )}/docs/default/component/${name}/`
    : undefined;
  const alerting = (alertName: string, summary: string) => [
    '    alerting:',
    `      name: ${alertName}`,
    '      labels:',
    `        service: ${name}`,
    '      annotations:',
    `        summary: ${yamlString(summary)}`,
    ...(runbook ? [`        runbook_url: ${yamlString(runbook)}`] : []),
    '      page_alert:',
    '        labels:',
    '          severity: page',
    '      ticket_alert:',
    '        labels:',
    '          severity: ticket',
  ];
  return [
    `# ${values.title}'s SLOs, as code (Sloth prometheus/v1). The catalog`,
    '# entity points here with vigil.dev/slo-spec; check it with',
    '#   yarn vigil-slo validate --input slo.yaml',
    '# The queries assume the usual HTTP metrics (http_requests_total with a',
    '# status label, the http_request_duration_seconds histogram): change them',
    '# if the service names its metrics otherwise. The latency threshold must be',
    '# one of the histogram\'s bucket boundaries (its "le" label).',
    'version: prometheus/v1',
    `service: ${name}`,
    'labels:',
    `  owner: ${refName(values.owner)}`,
    ...(values.system ? [`  system: ${refName(values.system)}`] : []),
    'slos:',
    '  - name: availability',
    `    objective: ${yamlNumber(values.availabilityObjective)}`,
    `    description: ${yamlString(
      `Requests answered without a server error (${values.availabilityObjective}%).`,
    )}`,
    '    sli:',
    '      events:',
    `        error_query: sum(rate(http_requests_total{${job},status=~"5.."}[{{.window}}]))`,
    `        total_query: sum(rate(http_requests_total{${job}}[{{.window}}]))`,
    ...alerting(
      `${alertPrefix}AvailabilityBudgetBurn`,
      `${values.title} is failing requests fast enough to burn its error budget.`,
    ),
    '  - name: latency',
    `    objective: ${yamlNumber(values.latencyObjective)}`,
    `    description: ${yamlString(
      `Requests answered in under ${threshold} (${values.latencyObjective}%).`,
    )}`,
    '    sli:',
    '      events:',
    `        error_query: (sum(rate(http_request_duration_seconds_count{${job}}[{{.window}}])) - sum(rate(http_request_duration_seconds_bucket{${job},le="${leLabel(
      values.latencyThresholdMs,
    )}"}[{{.window}}])))`,
    `        total_query: sum(rate(http_request_duration_seconds_count{${job}}[{{.window}}]))`,
    ...alerting(
      `${alertPrefix}LatencyBudgetBurn`,
      `Too many ${values.title} requests take over ${threshold} for its latency objective.`,
    ),
    '',
  ].join('\n');
}
