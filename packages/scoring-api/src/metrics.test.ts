import { KNOWN_ROUTE_STATUSES, ServiceMetrics } from './metrics';

describe('ServiceMetrics', () => {
  const cases = KNOWN_ROUTE_STATUSES.flatMap(({ route, method, statuses }) =>
    statuses.map(status => ({ route, method, status })),
  );

  it.each(cases)(
    'exports $method $route $status at zero before any request',
    async ({ route, method, status }) => {
      const text = await new ServiceMetrics({
        collectDefaults: false,
      }).registry.metrics();
      const labels = `route="${route}",method="${method}",status="${status}"`;
      expect(text).toContain(`http_requests_total{${labels}} 0\n`);
      expect(text).toContain(
        `http_request_duration_seconds_count{${labels}} 0\n`,
      );
      expect(text).toContain(
        `http_request_duration_seconds_bucket{le="0.8",${labels}} 0\n`,
      );
    },
  );

  it('has a 5xx series for the scoring route, so its SLO sees zero errors', async () => {
    const text = await new ServiceMetrics({
      collectDefaults: false,
    }).registry.metrics();
    expect(text).toMatch(
      /http_requests_total\{route="\/v1\/score",method="POST",status="5\d\d"\} 0\n/,
    );
  });

  it('counts on from zero', async () => {
    const metrics = new ServiceMetrics({ collectDefaults: false });
    const labels = { route: '/v1/score', method: 'POST', status: '200' };
    metrics.httpRequests.inc(labels);
    expect(await metrics.registry.metrics()).toContain(
      'http_requests_total{route="/v1/score",method="POST",status="200"} 1\n',
    );
  });
});
