import path from 'node:path';
import { fakeFetch, json } from '../testUtils/fakeFetch';
import {
  errorRatioQuery,
  fastBurnThreshold,
  readAvailabilitySlo,
  readFastBurn,
} from './fastBurn';

const slo = { objective: 99.9, threshold: fastBurnThreshold(99.9) };
const vector = (value: string) =>
  json({
    status: 'success',
    data: { resultType: 'vector', result: [{ value: [0, value] }] },
  });

describe('the fast-burn condition', () => {
  it("reads the scoring API's availability objective from slo.yaml", () => {
    const read = readAvailabilitySlo(
      path.resolve(__dirname, '../../../scoring-api/slo.yaml'),
    );
    expect(read.objective).toBe(99.9);
    expect(read.threshold).toBeCloseTo(0.0144, 10);
  });

  it("queries the SLI's selectors for one colour", () => {
    expect(errorRatioQuery('green', '1m')).toBe(
      '(sum(rate(http_requests_total{job="scoring-api",route="/v1/score",color="green",status=~"5.."}[1m])) or vector(0)) / sum(rate(http_requests_total{job="scoring-api",route="/v1/score",color="green"}[1m]))',
    );
  });

  it.each([
    ['0.5', true, 0.5],
    ['0.0144', false, 0.0144],
    ['0.02', true, 0.02],
    ['0', false, 0],
    ['NaN', false, null],
  ])('an error ratio of %s burns fast: %s', async (value, burning, ratio) => {
    const reading = await readFastBurn({
      prometheusUrl: 'http://prom:9090',
      color: 'green',
      slo,
      fetch: fakeFetch([[/prom:9090\/api\/v1\/query/, () => vector(value)]]),
    });
    expect(reading).toMatchObject({
      reachable: true,
      burning,
      errorRatio: ratio,
    });
  });

  it('treats an empty answer as no requests yet, not as a pass with data', async () => {
    const reading = await readFastBurn({
      prometheusUrl: 'http://prom:9090',
      color: 'green',
      slo,
      fetch: fakeFetch([
        [/prom:9090/, () => json({ status: 'success', data: { result: [] } })],
      ]),
    });
    expect(reading).toMatchObject({
      reachable: true,
      errorRatio: null,
      burning: false,
      detail: 'no scoring requests on green in the last 1m yet',
    });
  });

  it.each([
    ['unreachable', fakeFetch([]), /is unreachable \(connect ECONNREFUSED/],
    [
      'refusing the query',
      fakeFetch([
        [/prom:9090/, () => json({ status: 'error', error: 'bad query' }, 400)],
      ]),
      /answered 400: bad query/,
    ],
  ])('says so when Prometheus is %s', async (_name, doFetch, detail) => {
    const reading = await readFastBurn({
      prometheusUrl: 'http://prom:9090',
      color: 'green',
      slo,
      fetch: doFetch,
    });
    expect(reading.reachable).toBe(false);
    expect(reading.detail).toMatch(detail);
  });
});
