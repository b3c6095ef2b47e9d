import type { FaroMeasurement } from './faroPayload';

/**
 * The web vitals Vigil keeps, as Faro's web-vitals instrumentation names
 * them in a `web-vitals` measurement's values (milliseconds, CLS unitless).
 * @public
 */
export const WEB_VITALS = ['lcp', 'inp', 'cls', 'fcp', 'ttfb'] as const;

/** @public */
export type WebVital = (typeof WEB_VITALS)[number];

/**
 * One web vital read from a measurement: seconds (CLS: its score).
 * @public
 */
export interface WebVitalSample {
  vital: WebVital;
  value: number;
}

/** Upper bounds of plausible values; larger ones are bogus and dropped. */
const MAX_VALUE: Record<WebVital, number> = {
  lcp: 600,
  inp: 600,
  fcp: 600,
  ttfb: 600,
  cls: 100,
};

/**
 * The web vitals in one Faro measurement (none unless its type is
 * `web-vitals`): times converted from milliseconds to seconds, negative or
 * implausible values dropped.
 * @public
 */
export function webVitalsOf(measurement: FaroMeasurement): WebVitalSample[] {
  if (measurement.type !== 'web-vitals') return [];
  const samples: WebVitalSample[] = [];
  for (const vital of WEB_VITALS) {
    const raw = measurement.values[vital];
    if (raw === undefined || !Number.isFinite(raw) || raw < 0) continue;
    const value = vital === 'cls' ? raw : raw / 1000;
    if (value > MAX_VALUE[vital]) continue;
    samples.push({ vital, value });
  }
  return samples;
}

/**
 * Histogram bucket bounds per vital, around the "good" and "poor"
 * thresholds of web.dev (LCP 2.5/4 s, INP 0.2/0.5 s, FCP 1.8/3 s, TTFB
 * 0.8/1.8 s, CLS 0.1/0.25), so SLOs can count "good" page loads exactly.
 * @public
 */
export const WEB_VITAL_BUCKETS: Record<WebVital, number[]> = {
  lcp: [0.5, 1, 1.5, 2, 2.5, 3, 4, 6, 10, 20],
  inp: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
  fcp: [0.5, 1, 1.5, 1.8, 2.5, 3, 4, 6, 10],
  ttfb: [0.1, 0.2, 0.4, 0.8, 1.2, 1.8, 3, 6],
  cls: [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1],
};
