/**
 * The PromQL of every health panel, from an entity's selector, metric
 * profile and service-specific series.
 */
import {
  slugOf,
  type HealthUnit,
  type MetricProfile,
  type ServiceSeriesSpec,
} from './annotations';

/** Which row of the tab a panel belongs to. @public */
export type HealthPanelGroup = 'golden' | 'saturation' | 'service';

/** One query of a panel: its legend name and PromQL. @public */
export interface HealthQuery {
  /** Legend name; a query answering several series names each by its labels. */
  name: string;
  promql: string;
}

/** A chart and the queries that draw it. @public */
export interface HealthPanelPlan {
  id: string;
  title: string;
  unit: HealthUnit;
  group: HealthPanelGroup;
  queries: HealthQuery[];
  /** Why the panel has no queries (the profile does not export its metrics). */
  unavailable?: string;
}

/** The metric names of one profile. @public */
export interface ProfileMetrics {
  /** The request duration histogram's base name (`_count`, `_bucket`). */
  histogram: string;
  statusLabel: string;
  eventLoopLag?: string;
  cpuSecondsTotal?: string;
  residentMemory?: string;
  openHandles?: string;
}

// prom-client's defaults (collectDefaultMetrics) and the scoring API's
// histogram; OpenTelemetry's stable HTTP semantic conventions as its
// Prometheus exporter (0.30x) names them: dots to underscores, no unit
// suffix (`http.server.request.duration`, in seconds). Without runtime
// instrumentation the OpenTelemetry SDK exports no process metrics.
const PROFILES: Record<MetricProfile, ProfileMetrics> = {
  'prom-client': {
    histogram: 'http_request_duration_seconds',
    statusLabel: 'status',
    eventLoopLag: 'nodejs_eventloop_lag_p99_seconds',
    cpuSecondsTotal: 'process_cpu_seconds_total',
    residentMemory: 'process_resident_memory_bytes',
    openHandles: 'nodejs_active_handles_total',
  },
  opentelemetry: {
    histogram: 'http_server_request_duration',
    statusLabel: 'http_response_status_code',
  },
};

/** The metric names a profile reads, for the README and the tests. @public */
export function profileMetrics(
  profile: MetricProfile,
): Readonly<ProfileMetrics> {
  return PROFILES[profile];
}

/** Fills `$selector` and `$rate` of a service-specific series. @public */
export function renderSeriesQuery(
  query: string,
  selector: string,
  rateWindow: string,
): string {
  return query.replace(/\$selector/g, selector).replace(/\$rate/g, rateWindow);
}

const notExported = (profile: MetricProfile) =>
  `not exported by services of the ${profile} profile`;

/**
 * Every panel of the tab: golden signals (request rate, 5xx ratio,
 * latency p50/p95/p99 from the histogram), saturation (event-loop lag,
 * CPU, resident memory, open handles; per instance, so blue and green
 * each show) and the entity's own series.
 * @public
 */
export function planHealthPanels(options: {
  selector: string;
  profile: MetricProfile;
  rateWindow: string;
  series: ServiceSeriesSpec[];
}): HealthPanelPlan[] {
  const { selector, profile, rateWindow } = options;
  const m = PROFILES[profile];
  const count = `${m.histogram}_count`;
  const rate = (metric: string, extra = '') =>
    `rate(${metric}{${selector}${extra}}[${rateWindow}])`;
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (le) (${rate(`${m.histogram}_bucket`)}))`;
  const perInstance = (
    id: string,
    title: string,
    unit: HealthUnit,
    expression: string | undefined,
  ): HealthPanelPlan => ({
    id,
    title,
    unit,
    group: 'saturation',
    queries: expression ? [{ name: 'instance', promql: expression }] : [],
    ...(expression ? {} : { unavailable: notExported(profile) }),
  });

  const panels: HealthPanelPlan[] = [
    {
      id: 'requests',
      title: 'Request rate',
      unit: 'requests/s',
      group: 'golden',
      queries: [{ name: 'requests/s', promql: `sum(${rate(count)})` }],
    },
    {
      id: 'errors',
      title: 'Error rate (5xx)',
      unit: 'ratio',
      group: 'golden',
      // No 5xx series at all is zero errors, not "no data"; no traffic at
      // all stays no data (an empty denominator).
      queries: [
        {
          name: '5xx ratio',
          promql: `(sum(${rate(
            count,
            `,${m.statusLabel}=~"5.."`,
          )}) or vector(0)) / sum(${rate(count)})`,
        },
      ],
    },
    {
      id: 'latency',
      title: 'Latency',
      unit: 'seconds',
      group: 'golden',
      queries: [
        { name: 'p50', promql: quantile(0.5) },
        { name: 'p95', promql: quantile(0.95) },
        { name: 'p99', promql: quantile(0.99) },
      ],
    },
    perInstance(
      'event-loop-lag',
      'Event-loop lag (p99)',
      'seconds',
      m.eventLoopLag && `max by (instance) (${m.eventLoopLag}{${selector}})`,
    ),
    perInstance(
      'cpu',
      'CPU',
      'cores',
      m.cpuSecondsTotal && `sum by (instance) (${rate(m.cpuSecondsTotal)})`,
    ),
    perInstance(
      'memory',
      'Resident memory',
      'bytes',
      m.residentMemory &&
        `sum by (instance) (${m.residentMemory}{${selector}})`,
    ),
    perInstance(
      'open-handles',
      'Open handles',
      'count',
      m.openHandles && `sum by (instance) (${m.openHandles}{${selector}})`,
    ),
  ];

  const used = new Set(panels.map(panel => panel.id));
  for (const spec of options.series) {
    let id = `service-${slugOf(spec.title)}`;
    for (let n = 2; used.has(id); n++)
      id = `service-${slugOf(spec.title)}-${n}`;
    used.add(id);
    panels.push({
      id,
      title: spec.title,
      unit: spec.unit,
      group: 'service',
      queries: [
        {
          name: spec.title,
          promql: renderSeriesQuery(spec.query, selector, rateWindow),
        },
      ],
    });
  }
  return panels;
}
