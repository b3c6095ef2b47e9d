import { bucketIndex, histogramQuantile } from './percentile';
import { webVitalsOf } from './webVitals';

const measurement = (type: string, values: Record<string, number>) => ({
  type,
  values,
  timestamp: '2026-12-01T13:00:00.000Z',
});

describe('webVitalsOf', () => {
  it.each([
    [
      'LCP in ms to seconds',
      measurement('web-vitals', {
        lcp: 2480,
        delta: 2480,
        element_render_delay: 3,
      }),
      [{ vital: 'lcp', value: 2.48 }],
    ],
    [
      'CLS unitless',
      measurement('web-vitals', { cls: 0.12, delta: 0.01 }),
      [{ vital: 'cls', value: 0.12 }],
    ],
    [
      'TTFB',
      measurement('web-vitals', { ttfb: 120, delta: 120, dns_duration: 2 }),
      [{ vital: 'ttfb', value: 0.12 }],
    ],
    ['not a web-vitals measurement', measurement('custom', { lcp: 1 }), []],
    ['negative dropped', measurement('web-vitals', { inp: -5 }), []],
    ['implausible dropped', measurement('web-vitals', { fcp: 9e9 }), []],
  ])('%s', (_name, input, expected) => {
    expect(webVitalsOf(input)).toEqual(expected);
  });
});

describe('histogramQuantile', () => {
  const bounds = [1, 2, 4];
  it.each<[number, number[], number | null]>([
    [0.75, [0, 0, 0, 0], null],
    [0.5, [10, 0, 0, 0], 0.5],
    [0.75, [0, 4, 0, 0], 1.75],
    [0.75, [2, 2, 0, 0], 1.5],
    [0.99, [0, 0, 0, 5], 4],
  ])('q=%d of %j is %d', (q, counts, expected) => {
    expect(histogramQuantile(q, bounds, counts)).toBe(expected);
  });

  it.each([
    [0.5, 0],
    [1, 0],
    [1.01, 1],
    [4, 2],
    [5, 3],
  ])('%d falls in bucket %d', (value, index) => {
    expect(bucketIndex(bounds, value)).toBe(index);
  });
});
