import {
  FakeRoute,
  fakeFetch,
  healthyInstance,
  json,
} from '../testUtils/fakeFetch';
import { fastBurnThreshold } from './fastBurn';
import { watchRelease } from './watchRelease';

const version = '0.1.0+3f2a1bc';
const slo = { objective: 99.9, threshold: fastBurnThreshold(99.9) };
const ratio = (value: string): FakeRoute => [
  /prom:9090/,
  () => json({ status: 'success', data: { result: [{ value: [0, value] }] } }),
];

function watch(routes: FakeRoute[], prometheusUrl?: string) {
  const lines: string[] = [];
  const result = watchRelease({
    target: {
      url: 'http://127.0.0.1:8082',
      name: 'green',
      expectedVersion: version,
    },
    durationMs: 0,
    intervalMs: 1,
    prometheusUrl,
    slo,
    log: line => lines.push(line),
    fetch: fakeFetch([...routes, ...healthyInstance(version)]),
  });
  return { result, lines };
}

describe('watchRelease', () => {
  it('passes when smoke tests pass and the SLO does not burn fast', async () => {
    const { result, lines } = watch([ratio('0')], 'http://prom:9090');
    await expect(result).resolves.toEqual({
      ok: true,
      rounds: 1,
      prometheus: 'used',
    });
    expect(lines).toEqual([]);
  });

  it('fails on a failed smoke test', async () => {
    const { result } = watch(
      [[/score$/, () => json({ error: 'x' }, 500)], ratio('0')],
      'http://prom:9090',
    );
    await expect(result).resolves.toMatchObject({
      ok: false,
      signal: 'smoke',
      detail:
        'smoke tests failed on green: POST /v1/score answered 500: {"error":"x"}',
    });
  });

  it('fails when the new colour burns its error budget fast', async () => {
    const { result } = watch([ratio('0.2')], 'http://prom:9090');
    await expect(result).resolves.toMatchObject({
      ok: false,
      signal: 'fast-burn',
      detail: expect.stringMatching(
        /^the availability SLO burns fast on green: error ratio on green over 1m: 20\.00% \(fast burn above 1\.44%/,
      ),
    });
  });

  it('says when Prometheus cannot be read and relies on smoke tests', async () => {
    const { result, lines } = watch([], 'http://prom:9090');
    await expect(result).resolves.toEqual({
      ok: true,
      rounds: 1,
      prometheus: 'unreachable',
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^ {2}watch: Prometheus at http:\/\/prom:9090 is unreachable .*; relying on smoke tests until it answers$/,
      ),
    ]);
  });

  it('says when no Prometheus is configured', async () => {
    const { result, lines } = watch([]);
    await expect(result).resolves.toMatchObject({
      ok: true,
      prometheus: 'off',
    });
    expect(lines[0]).toMatch(/Prometheus is not configured/);
  });
});
