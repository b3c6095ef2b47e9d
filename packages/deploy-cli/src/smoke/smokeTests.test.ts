import {
  FakeRoute,
  fakeFetch,
  healthyInstance,
  json,
  metricsOf,
  text,
} from '../testUtils/fakeFetch';
import { describeSmokeFailure, runSmokeTests } from './smokeTests';

const target = {
  url: 'http://127.0.0.1:8082',
  name: 'green',
  expectedVersion: '0.1.0+3f2a1bc',
};

async function smoke(overrides: FakeRoute[]) {
  const checks = await runSmokeTests(target, {
    fetch: fakeFetch([
      ...overrides,
      ...healthyInstance(target.expectedVersion),
    ]),
    now: () => new Date('2026-12-01T10:00:00Z'),
  });
  return { checks, failure: describeSmokeFailure(checks) };
}

describe('runSmokeTests', () => {
  it('passes a healthy instance of the expected version', async () => {
    const { checks, failure } = await smoke([]);
    expect(checks.map(c => [c.name, c.ok, c.target])).toEqual([
      ['readiness', true, 'green'],
      ['score', true, 'green'],
      ['metrics', true, 'green'],
    ]);
    expect(checks[1].detail).toBe(
      'POST /v1/score answered 200 (approve, score 0.12)',
    );
    expect(checks[0].at).toBe('2026-12-01T10:00:00.000Z');
    expect(failure).toBeUndefined();
  });

  it.each<[string, FakeRoute[], string]>([
    [
      'not ready',
      [[/readyz$/, () => json({ status: 'not ready' }, 503)]],
      'GET /readyz answered 503: {"status":"not ready"}',
    ],
    [
      'a failing scoring request',
      [
        [
          /score$/,
          () => json({ error: 'injected fault: scoring failed' }, 500),
        ],
      ],
      'POST /v1/score answered 500: {"error":"injected fault: scoring failed"}',
    ],
    [
      'a scoring answer without a decision',
      [[/score$/, () => json({ ok: true })]],
      'POST /v1/score answered 200 without a decision and score: {"ok":true}',
    ],
    [
      'missing series',
      [[/metrics$/, () => text('process_cpu_seconds_total 1\n')]],
      'GET /metrics lacks http_requests_total, http_request_duration_seconds_bucket, scoring_build_info',
    ],
    [
      'another version answering',
      [[/metrics$/, () => text(metricsOf('0.0.9+aaaaaaa'))]],
      'scoring_build_info says version 0.0.9+aaaaaaa, expected 0.1.0+3f2a1bc',
    ],
  ])('fails %s', async (_name, routes, detail) => {
    const { failure } = await smoke(routes);
    expect(failure).toBe(detail);
  });

  it('fails every check of an instance that does not answer', async () => {
    const checks = await runSmokeTests(target, { fetch: fakeFetch([]) });
    expect(checks.every(c => !c.ok)).toBe(true);
    expect(checks[0].detail).toMatch(/^request failed: connect ECONNREFUSED/);
  });
});
