import fs from 'node:fs';
import { parse } from 'yaml';

/**
 * Google SRE's fast-burn rate: at 14.4 times the error budget's rate, a
 * 30-day budget is gone in about two days (the page alert of Sloth's
 * multi-window rules uses it too).
 */
export const FAST_BURN_FACTOR = 14.4;

/** The availability SLO of the service, as the watch needs it. */
export interface AvailabilitySlo {
  /** e.g. 99.9 */
  objective: number;
  /** Error ratio above which the new colour burns fast: 14.4 * (1 - objective). */
  threshold: number;
}

export function fastBurnThreshold(objective: number): number {
  // Rounded: 99.9 in binary floating point would put 0.0144 itself above it.
  return Number(((FAST_BURN_FACTOR * (100 - objective)) / 100).toPrecision(12));
}

/** Reads the `availability` SLO of packages/scoring-api/slo.yaml. */
export function readAvailabilitySlo(sloFile: string): AvailabilitySlo {
  // The spec file is the repository's own.
  // eslint-disable-next-line security/detect-non-literal-fs-filename
  const spec = parse(fs.readFileSync(sloFile, 'utf8')) as {
    slos?: Array<{ name?: string; objective?: number }>;
  };
  const slo = spec.slos?.find(s => s.name === 'availability');
  if (typeof slo?.objective !== 'number') {
    throw new Error(`${sloFile} has no availability SLO with an objective`);
  }
  return {
    objective: slo.objective,
    threshold: fastBurnThreshold(slo.objective),
  };
}

/**
 * The SLI's error ratio over a short window, restricted to one colour (the
 * same selectors as slo.yaml's availability SLI, plus color).
 */
export function errorRatioQuery(color: string, window: string): string {
  const selector = `job="scoring-api",route="/v1/score",color="${color}"`;
  // No 5xx series at all is no errors, not "no data": `or vector(0)`, so a
  // healthy colour reads 0 while one without traffic still reads nothing.
  return `(sum(rate(http_requests_total{${selector},status=~"5.."}[${window}])) or vector(0)) / sum(rate(http_requests_total{${selector}}[${window}]))`;
}

export type FastBurnReading =
  | { reachable: false; detail: string }
  | {
      reachable: true;
      /** null: no requests in the window yet. */
      errorRatio: number | null;
      threshold: number;
      burning: boolean;
      detail: string;
    };

/** Asks Prometheus whether the colour is burning its budget fast. */
export async function readFastBurn(options: {
  prometheusUrl: string;
  color: string;
  slo: AvailabilitySlo;
  window?: string;
  fetch?: typeof fetch;
}): Promise<FastBurnReading> {
  const doFetch = options.fetch ?? fetch;
  const window = options.window ?? '1m';
  const query = errorRatioQuery(options.color, window);
  let body: {
    status?: string;
    error?: string;
    data?: { result?: Array<{ value?: [number, string] }> };
  };
  try {
    const res = await doFetch(
      `${options.prometheusUrl}/api/v1/query?query=${encodeURIComponent(
        query,
      )}`,
      { signal: AbortSignal.timeout(3000) },
    );
    body = await res.json();
    if (!res.ok || body.status !== 'success') {
      return {
        reachable: false,
        detail: `Prometheus at ${options.prometheusUrl} answered ${
          res.status
        }: ${body.error ?? 'no data'}`,
      };
    }
  } catch (error) {
    return {
      reachable: false,
      detail: `Prometheus at ${options.prometheusUrl} is unreachable (${
        ((error as Error).cause as Error | undefined)?.message ??
        (error as Error).message
      })`,
    };
  }
  const raw = body.data?.result?.[0]?.value?.[1];
  const ratio = raw === undefined ? NaN : Number(raw);
  const threshold = options.slo.threshold;
  if (!Number.isFinite(ratio)) {
    return {
      reachable: true,
      errorRatio: null,
      threshold,
      burning: false,
      detail: `no scoring requests on ${options.color} in the last ${window} yet`,
    };
  }
  const burning = ratio > threshold;
  return {
    reachable: true,
    errorRatio: ratio,
    threshold,
    burning,
    detail: `error ratio on ${options.color} over ${window}: ${(
      ratio * 100
    ).toFixed(2)}% (fast burn above ${(threshold * 100).toFixed(
      2,
    )}%, ${FAST_BURN_FACTOR}x the ${
      options.slo.objective
    }% objective's budget)`,
  };
}
