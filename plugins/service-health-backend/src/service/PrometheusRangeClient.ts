/**
 * Prometheus' range query API, through backend-kit's shared `prometheus`
 * dependency (timeouts, retries, circuit breaker, outage logged once).
 */
import {
  createResilientFetch,
  type ResilientDependency,
} from '@vigil/backend-kit';

/** Prometheus rejected the query (HTTP 400/422): the query is wrong, not Prometheus. */
export class PrometheusQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

/** Prometheus could not answer (network, timeout, 5xx, breaker open). */
export class PrometheusUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrometheusUnavailableError';
  }
}

/** One series of a matrix: its labels and `[epoch ms, value]` points. */
export interface RangeSeries {
  labels: Record<string, string>;
  /** NaN and ±Inf (0/0, x/0) are null: there is no number to draw. */
  points: Array<[number, number | null]>;
}

export interface RangeQuery {
  promql: string;
  startSeconds: number;
  endSeconds: number;
  stepSeconds: number;
}

interface MatrixResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      values?: Array<[number, string]>;
    }>;
  };
}

function finiteOrNull(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export class PrometheusRangeClient {
  private readonly url: string;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly options: {
      baseUrl: string;
      dependency: ResilientDependency;
      fetchImpl?: typeof fetch;
    },
  ) {
    this.url = new URL(
      'api/v1/query_range',
      options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    ).toString();
    // POST with a form body (long service-specific queries), retried as the
    // read it is.
    this.fetch = createResilientFetch(options.dependency, {
      fetch: options.fetchImpl,
      isIdempotent: () => true,
    });
  }

  /** When Prometheus last answered, if it ever did (for "down since" messages). */
  lastReachableAt(): string | undefined {
    return this.options.dependency.state().lastSuccessAt;
  }

  async queryRange(query: RangeQuery): Promise<RangeSeries[]> {
    let response: Response;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          query: query.promql,
          start: String(query.startSeconds),
          end: String(query.endSeconds),
          step: String(query.stepSeconds),
        }),
      });
    } catch (error) {
      // fetch's "fetch failed" says nothing; its cause (ECONNREFUSED) does.
      const cause = (error as { cause?: unknown }).cause;
      throw new PrometheusUnavailableError(
        `Prometheus is unreachable: ${(error as Error).message}${
          cause instanceof Error ? ` (${cause.message})` : ''
        }`,
        { cause: error },
      );
    }
    let payload: MatrixResponse | undefined;
    try {
      payload = (await response.json()) as MatrixResponse;
    } catch {
      payload = undefined;
    }
    if (response.status === 400 || response.status === 422) {
      throw new PrometheusQueryError(
        `Prometheus rejected the query (${
          payload?.errorType ?? response.status
        }): ${payload?.error ?? response.statusText}`,
      );
    }
    if (!response.ok || payload?.status !== 'success') {
      throw new PrometheusUnavailableError(
        `Prometheus answered HTTP ${response.status}${
          payload?.error ? `: ${payload.error}` : ''
        }`,
      );
    }
    if (payload.data?.resultType !== 'matrix') {
      throw new PrometheusQueryError(
        `expected a matrix, got ${payload.data?.resultType}`,
      );
    }
    return (payload.data.result ?? []).map(series => ({
      labels: series.metric ?? {},
      points: (series.values ?? []).map(
        ([seconds, value]) =>
          [Math.round(seconds * 1000), finiteOrNull(value)] as [
            number,
            number | null,
          ],
      ),
    }));
  }
}
