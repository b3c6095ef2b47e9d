// Test data written to fresh temporary directories the tests create.
/* eslint-disable security/detect-non-literal-fs-filename */
/**
 * Data of known error ratios for the tests against a real Prometheus: 31
 * days to backfill, and a live exporter for the recording rules to read.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const STEP_S = 60;
export const DAYS = 31;
// Ends two hours ago so the backfilled blocks never overlap the head block.
export const END_S = Math.floor(Date.now() / 1000 / 3600) * 3600 - 2 * 3600;
export const START_S = END_S - DAYS * 86_400;
/**
 * One sample a minute over the last 26 hours (every burn-rate window up to
 * 1d, with its 5m window's several samples), one a day before that. promtool
 * writes one block per 2-hour range holding a sample, and a minute's step
 * over 31 days (372 blocks) cost the suite ~90 s to backfill and load.
 * Counters growing at constant rates, all sampled at the same instants, give
 * every window (3d and 30d included) the same ratios at either step.
 */
export const FINE_S = 26 * 3600;
export const COARSE_STEP_S = 86_400;

/** The instants sampled, oldest first. */
export function sampleTimes(): number[] {
  const times: number[] = [];
  const fineFrom = END_S - FINE_S;
  for (let t = START_S; t < fineFrom; t += COARSE_STEP_S) times.push(t);
  for (let t = fineFrom; t <= END_S; t += STEP_S) times.push(t);
  return times;
}
export const REQUESTS_PER_S = 10;
export const AVAILABILITY_ERROR_RATIO = 0.0005; // 99.9% objective: half the budget left
export const LATENCY_ERROR_RATIO = 0.02; // 99% objective: overspent twice

export const SPEC = `
version: prometheus/v1
service: shop
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="shop",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="shop"}[{{.window}}]))
    alerting:
      name: ShopAvailability
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
  - name: latency
    objective: 99
    sli:
      raw:
        error_ratio_query: sum(rate(slow_requests_total{job="shop"}[{{.window}}])) / sum(rate(requests_total{job="shop"}[{{.window}}]))
    alerting:
      name: ShopLatency
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
  - name: idle
    objective: 99
    sli:
      events:
        error_query: sum(rate(idle_requests_total{job="shop",code="500"}[{{.window}}]))
        total_query: sum(rate(idle_requests_total{job="shop"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
  - name: renamed
    objective: 99
    sli:
      events:
        error_query: sum(rate(gone_requests_total{job="shop",code="500"}[{{.window}}]))
        total_query: sum(rate(gone_requests_total{job="shop"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
  - name: quiet
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(quiet_requests_total{job="shop",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(quiet_requests_total{job="shop"}[{{.window}}]))
    alerting:
      name: ShopQuiet
      page_alert: { labels: { severity: page } }
      ticket_alert: { labels: { severity: ticket } }
`;

/** SLOs of a live exporter, evaluated by Prometheus' rules as it scrapes. */
export const LIVE_SPEC = `
version: prometheus/v1
service: live
slos:
  - name: availability
    objective: 98
    sli:
      events:
        error_query: sum(rate(live_requests_total{job="live",code="500"}[{{.window}}]))
        total_query: sum(rate(live_requests_total{job="live"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
  - name: quiet
    objective: 98
    sli:
      events:
        error_query: sum(rate(live_quiet_requests_total{job="live",code="500"}[{{.window}}]))
        total_query: sum(rate(live_quiet_requests_total{job="live"}[{{.window}}]))
    alerting:
      page_alert: { disable: true }
      ticket_alert: { disable: true }
`;
export const LIVE_ERROR_RATIO = 0.01; // 98% objective: half the budget left

/**
 * Counters of the live SLOs growing with the clock: exactly 1% errors for
 * `availability`; `quiet` serves without an error series.
 */
export function startLiveExporter(): Promise<http.Server> {
  const started = Date.now();
  const server = http.createServer((_req, res) => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const errors = seconds * 100 * LIVE_ERROR_RATIO;
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(
      [
        '# TYPE live_requests_total counter',
        `live_requests_total{code="200"} ${seconds * 100 - errors}`,
        `live_requests_total{code="500"} ${errors}`,
        '# TYPE live_quiet_requests_total counter',
        `live_quiet_requests_total{code="200"} ${seconds * 100}`,
        '',
      ].join('\n'),
    );
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

/** The scoring API's own spec, as the catalog serves it. */
export const SCORING_API_SPEC = fs.readFileSync(
  path.resolve(__dirname, '../../../../packages/scoring-api/slo.yaml'),
  'utf8',
);
export const SCORING_LABELS =
  'job="scoring-api",route="/v1/score",method="POST"';
export const SLOW_SHARE = 0.01; // 95% latency objective: a fifth of the budget spent

/**
 * OpenMetrics counters growing at constant rates, sampled at `sampleTimes()`.
 * Families named `..._total` are counters; others are written as they are
 * (histogram series as `unknown` families, which promtool backfills).
 */
export function writeOpenMetrics(file: string) {
  const series: Array<{ family: string; labels: string; perSecond: number }> = [
    {
      family: 'http_requests',
      labels: '{job="shop",code="200"}',
      perSecond: REQUESTS_PER_S * (1 - AVAILABILITY_ERROR_RATIO),
    },
    {
      family: 'http_requests',
      labels: '{job="shop",code="500"}',
      perSecond: REQUESTS_PER_S * AVAILABILITY_ERROR_RATIO,
    },
    { family: 'requests', labels: '{job="shop"}', perSecond: REQUESTS_PER_S },
    {
      family: 'slow_requests',
      labels: '{job="shop"}',
      perSecond: REQUESTS_PER_S * LATENCY_ERROR_RATIO,
    },
    // Exists, but no traffic at all: 0/0.
    {
      family: 'idle_requests',
      labels: '{job="shop",code="200"}',
      perSecond: 0,
    },
    {
      family: 'idle_requests',
      labels: '{job="shop",code="500"}',
      perSecond: 0,
    },
    // Traffic without a single error: there is no code="5xx" series at all.
    {
      family: 'quiet_requests',
      labels: '{job="shop",code="200"}',
      perSecond: REQUESTS_PER_S,
    },
    // The scoring API as it was reported: serving without errors.
    {
      family: 'http_requests',
      labels: `{${SCORING_LABELS},status="200"}`,
      perSecond: REQUESTS_PER_S,
    },
    {
      family: 'http_request_duration_seconds_count',
      labels: `{${SCORING_LABELS},status="200"}`,
      perSecond: REQUESTS_PER_S,
    },
    {
      family: 'http_request_duration_seconds_bucket',
      labels: `{${SCORING_LABELS},status="200",le="0.8"}`,
      perSecond: REQUESTS_PER_S * (1 - SLOW_SHARE),
    },
  ];
  const lines: string[] = [];
  const byFamily = new Map<string, typeof series>();
  for (const s of series) {
    byFamily.set(s.family, [...(byFamily.get(s.family) ?? []), s]);
  }
  const times = sampleTimes();
  for (const [family, members] of byFamily) {
    const counter = !family.startsWith('http_request_duration_seconds');
    lines.push(`# TYPE ${family} ${counter ? 'counter' : 'unknown'}`);
    for (const s of members) {
      for (const t of times) {
        const value = (t - START_S) * s.perSecond;
        lines.push(
          `${s.family}${counter ? '_total' : ''}${s.labels} ${value} ${t}`,
        );
      }
    }
  }
  lines.push('# EOF', '');
  fs.writeFileSync(file, lines.join('\n'));
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
