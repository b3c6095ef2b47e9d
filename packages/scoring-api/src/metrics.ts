import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/**
 * The API's routes and the status codes each answers, initialised at zero
 * (as prom-client recommends for known label values): a counter series only
 * exists once it has a value, and an SLO whose error query finds no 5xx
 * series must see zero errors from the start, not "no data".
 */
export const KNOWN_ROUTE_STATUSES: ReadonlyArray<{
  route: string;
  method: string;
  statuses: readonly string[];
}> = [
  {
    route: '/v1/score',
    method: 'POST',
    statuses: ['200', '400', '500', '503'],
  },
  {
    route: '/v1/features/:customerId',
    method: 'GET',
    statuses: ['200', '404', '500', '503'],
  },
];

/**
 * The service's Prometheus metrics. Labels are bounded: routes are express
 * route templates (or "unmatched"), never raw paths.
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests handled, by route template, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by route template, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    // Dense around the 800 ms latency objective so SLIs can use le="0.8".
    buckets: [
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.6, 0.8, 1, 1.5, 2.5, 5, 10,
    ],
    registers: [this.registry],
  });

  readonly featureCache = new Counter({
    name: 'scoring_feature_cache_requests_total',
    help: 'Feature cache lookups, by result (hit or miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly featureStoreDuration = new Histogram({
    name: 'scoring_feature_store_duration_seconds',
    help: 'Feature store call latency, by operation, backend and outcome',
    labelNames: ['operation', 'backend', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly decisions = new Counter({
    name: 'scoring_decisions_total',
    help: 'Scoring decisions returned, by decision',
    labelNames: ['decision'] as const,
    registers: [this.registry],
  });

  readonly faultsActive = new Counter({
    name: 'scoring_injected_faults_total',
    help: 'Faults injected into requests, by kind (latency, error, outage)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** Always 1; its labels say which release and colour answers (blue-green). */
  readonly buildInfo = new Gauge({
    name: 'scoring_build_info',
    help: 'The running release of the scoring API: version, git commit and blue-green colour',
    labelNames: ['version', 'commit', 'color'] as const,
    registers: [this.registry],
  });

  constructor(options: { collectDefaults?: boolean } = {}) {
    if (options.collectDefaults !== false) {
      collectDefaultMetrics({ register: this.registry });
    }
    for (const { route, method, statuses } of KNOWN_ROUTE_STATUSES) {
      for (const status of statuses) {
        const labels = { route, method, status };
        this.httpRequests.inc(labels, 0);
        this.httpDuration.zero(labels);
      }
    }
  }
}
