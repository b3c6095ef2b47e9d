/** A scripted fetch: each handler answers the requests whose URL it matches. */
export type FakeRoute = [
  RegExp,
  (url: string, init?: RequestInit) => Response | Promise<Response>,
];

export function fakeFetch(routes: FakeRoute[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const route = routes.find(([pattern]) => pattern.test(url));
    if (!route) {
      throw new TypeError('fetch failed', {
        cause: new Error(`connect ECONNREFUSED ${url}`),
      });
    }
    return route[1](url, init);
  }) as typeof fetch;
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

export const text = (body: string, status = 200) =>
  new Response(body, { status });

/** The /metrics text of a healthy instance of `version`. */
export function metricsOf(version: string): string {
  return [
    '# TYPE http_requests_total counter',
    'http_requests_total{route="/v1/score",method="POST",status="200"} 1',
    'http_request_duration_seconds_bucket{le="0.005",route="/v1/score",method="POST",status="200"} 1',
    `scoring_build_info{version="${version}",commit="3f2a1bc",color="green"} 1`,
    '',
  ].join('\n');
}

/** The routes of a healthy instance at 127.0.0.1:8082. */
export function healthyInstance(version: string): FakeRoute[] {
  return [
    [/:8082\/readyz$/, () => json({ status: 'ready' })],
    [
      /:8082\/v1\/score$/,
      () => json({ decision: 'approve', score: 0.12, customerId: 'c-00001' }),
    ],
    [/:8082\/metrics$/, () => text(metricsOf(version))],
  ];
}
