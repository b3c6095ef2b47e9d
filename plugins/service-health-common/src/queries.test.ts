import { planHealthPanels, renderSeriesQuery } from './queries';

const plan = (profile: 'prom-client' | 'opentelemetry') =>
  planHealthPanels({
    selector: 'job="svc"',
    profile,
    rateWindow: '1m',
    series: [
      {
        title: 'Cache hit ratio',
        unit: 'ratio',
        query:
          'sum(rate(hits{$selector,result="hit"}[$rate])) / sum(rate(hits{$selector}[$rate]))',
      },
      { title: 'Cache hit ratio', unit: 'ratio', query: 'x{$selector}' },
    ],
  });

describe('planHealthPanels', () => {
  it('prom-client: golden signals from the histogram, saturation per instance', () => {
    const byId = Object.fromEntries(plan('prom-client').map(p => [p.id, p]));
    expect(byId.requests.queries[0].promql).toBe(
      'sum(rate(http_request_duration_seconds_count{job="svc"}[1m]))',
    );
    expect(byId.errors.queries[0].promql).toBe(
      '(sum(rate(http_request_duration_seconds_count{job="svc",status=~"5.."}[1m])) or vector(0)) / sum(rate(http_request_duration_seconds_count{job="svc"}[1m]))',
    );
    expect(byId.latency.queries.map(q => q.name)).toEqual([
      'p50',
      'p95',
      'p99',
    ]);
    expect(byId.latency.queries[1].promql).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="svc"}[1m])))',
    );
    expect(byId['event-loop-lag'].queries[0].promql).toBe(
      'max by (instance) (nodejs_eventloop_lag_p99_seconds{job="svc"})',
    );
    expect(byId.cpu.queries[0].promql).toBe(
      'sum by (instance) (rate(process_cpu_seconds_total{job="svc"}[1m]))',
    );
    expect(byId.memory.unit).toBe('bytes');
    expect(byId['open-handles'].queries[0].promql).toContain(
      'nodejs_active_handles_total{job="svc"}',
    );
  });

  it('opentelemetry: the stable HTTP conventions; no process metrics', () => {
    const panels = plan('opentelemetry');
    const byId = Object.fromEntries(panels.map(p => [p.id, p]));
    expect(byId.errors.queries[0].promql).toContain(
      'http_server_request_duration_count{job="svc",http_response_status_code=~"5.."}',
    );
    for (const id of ['event-loop-lag', 'cpu', 'memory', 'open-handles']) {
      expect(byId[id].queries).toEqual([]);
      expect(byId[id].unavailable).toContain('opentelemetry');
    }
  });

  it('service series: unique ids, $selector and $rate filled', () => {
    const service = plan('prom-client').filter(p => p.group === 'service');
    expect(service.map(p => p.id)).toEqual([
      'service-cache-hit-ratio',
      'service-cache-hit-ratio-2',
    ]);
    expect(service[0].queries[0].promql).toBe(
      'sum(rate(hits{job="svc",result="hit"}[1m])) / sum(rate(hits{job="svc"}[1m]))',
    );
  });

  it('renderSeriesQuery replaces every occurrence', () => {
    expect(
      renderSeriesQuery('a{$selector}[$rate] b{$selector}', 'j="x"', '4m'),
    ).toBe('a{j="x"}[4m] b{j="x"}');
  });
});
