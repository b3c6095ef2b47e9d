import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  WEB_VITAL_BUCKETS,
  WEB_VITALS,
  type WebVital,
} from '@vigil/backstage-plugin-rum-common';

/** How the collector answered a payload (the outcome label). */
export type CollectorOutcome =
  | 'accepted'
  | 'invalid'
  | 'too_large'
  | 'rate_limited'
  | 'unauthorized'
  | 'failed';

type Histogram = ReturnType<MetricsService['createHistogram']>;

/**
 * The RUM metrics the backend's OpenTelemetry exporter serves (names are
 * the contract of the Vigil entity's SLOs and dashboards; keep them):
 * `vigil_rum_web_vitals_{lcp,inp,fcp,ttfb}_seconds` and
 * `vigil_rum_web_vitals_cls` histograms by `route` (a pattern or `other`),
 * `vigil_rum_sessions_total`, `vigil_rum_error_sessions_total`,
 * `vigil_rum_page_loads_total{route}`, `vigil_rum_exceptions_total` and
 * `vigil_rum_collector_requests_total{outcome}`. Counters are named without
 * `_total`: the Prometheus exporter appends it.
 */
export class RumTelemetry {
  private readonly vitals: Record<WebVital, Histogram>;
  private readonly sessions;
  private readonly errorSessions;
  private readonly pageLoads;
  private readonly exceptions;
  private readonly requests;

  constructor(metrics: MetricsService) {
    this.vitals = Object.fromEntries(
      WEB_VITALS.map(vital => [
        vital,
        metrics.createHistogram<{ route: string }>(
          vital === 'cls'
            ? 'vigil_rum_web_vitals_cls'
            : `vigil_rum_web_vitals_${vital}_seconds`,
          {
            description:
              vital === 'cls'
                ? 'Cumulative layout shift of page loads, by route pattern'
                : `${vital.toUpperCase()} of page loads in seconds, by route pattern`,
            advice: { explicitBucketBoundaries: WEB_VITAL_BUCKETS[vital] },
          },
        ),
      ]),
    ) as Record<WebVital, Histogram>;
    this.sessions = metrics.createCounter('vigil_rum_sessions', {
      description: 'Browser sessions of the portal seen by the RUM collector',
    });
    this.errorSessions = metrics.createCounter('vigil_rum_error_sessions', {
      description:
        'Sessions with at least one JavaScript exception (counted once per session)',
    });
    this.pageLoads = metrics.createCounter<{ route: string }>(
      'vigil_rum_page_loads',
      { description: 'Page loads and in-app route changes, by route pattern' },
    );
    this.exceptions = metrics.createCounter('vigil_rum_exceptions', {
      description: 'JavaScript exceptions reported by browsers',
    });
    this.requests = metrics.createCounter<{ outcome: string }>(
      'vigil_rum_collector_requests',
      {
        description:
          'Payloads posted to the RUM collector, by outcome (accepted, invalid, too_large, rate_limited, unauthorized, failed)',
      },
    );
  }

  vital(vital: WebVital, value: number, route: string): void {
    this.vitals[vital].record(value, { route });
  }

  session(): void {
    this.sessions.add(1);
  }

  errorSession(): void {
    this.errorSessions.add(1);
  }

  pageLoad(route: string, count = 1): void {
    this.pageLoads.add(count, { route });
  }

  exception(count = 1): void {
    this.exceptions.add(count);
  }

  request(outcome: CollectorOutcome): void {
    this.requests.add(1, { outcome });
  }
}
