/** A minimal client for Prometheus' instant query API. */
import type {
  DependencyHealthService,
  ResilientDependency,
} from '@vigil/backend-kit';

/** Prometheus rejected the query itself (HTTP 400/422): retrying won't help. */
export class PrometheusQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

/** Prometheus could not be reached or failed (network, timeout, 5xx). */
export class PrometheusUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrometheusUnavailableError';
  }
}

export interface VectorSample {
  labels: Record<string, string>;
  /** As Prometheus sent it; NaN for 0/0, ±Infinity for x/0. */
  value: number;
}

export interface InstantQueryClient {
  queryVector(query: string, time: number): Promise<VectorSample[]>;
}

/**
 * What every query runs through: backend-kit's
 * `dependencyHealth.dependency('prometheus')`, which adds the per-attempt
 * timeout, jittered retries (queries are idempotent) and the circuit breaker
 * every Prometheus caller in the backend shares, and logs each outage once.
 */
export type QueryRunner = Pick<ResilientDependency, 'execute'>;

export interface PrometheusClientOptions {
  baseUrl: string;
  dependency: QueryRunner;
  fetchImpl?: typeof fetch;
}

/**
 * A rejected query is the caller's fault, not an outage. PrometheusClient
 * returns rejections from inside `execute` rather than throwing them, so
 * they never count against the breaker whoever registered the dependency
 * first; this says the same for errors other callers throw.
 */
const isPrometheusFailure = (error: unknown) =>
  !(error instanceof PrometheusQueryError);

/** Prometheus' dependency settings; `vigil.dependencies.prometheus` overrides them. */
export function prometheusDependency(
  dependencyHealth: DependencyHealthService,
  options: { timeoutMs: number },
): ResilientDependency {
  return dependencyHealth.dependency('prometheus', {
    displayName: 'Prometheus',
    timeoutMs: options.timeoutMs,
    isFailure: isPrometheusFailure,
  });
}

/** Inside `execute`: a rejected query is an answer, not a failure. */
type Attempt =
  | { ok: true; samples: VectorSample[] }
  | { ok: false; rejected: string };

interface PrometheusResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: Array<{
      metric?: Record<string, string>;
      value?: [number, string];
    }>;
  };
}

export class PrometheusClient implements InstantQueryClient {
  private readonly queryUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: PrometheusClientOptions) {
    this.queryUrl = new URL(
      'api/v1/query',
      options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    ).toString();
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  /**
   * Runs an instant query (POST with a form body, so long batched queries do
   * not hit URL length limits) and returns its vector. Throws
   * PrometheusQueryError when Prometheus rejects the query and
   * PrometheusUnavailableError when it cannot answer (including while the
   * circuit breaker is open: then without calling it).
   */
  async queryVector(query: string, time: number): Promise<VectorSample[]> {
    let attempt: Attempt;
    try {
      attempt = await this.options.dependency.execute(
        signal => this.queryOnce(query, time, signal),
        { idempotent: true },
      );
    } catch (error) {
      if (error instanceof PrometheusUnavailableError) throw error;
      // The breaker's DependencyUnavailableError (open, or timed out),
      // an abort: to the evaluator all mean "Prometheus is unreachable".
      throw new PrometheusUnavailableError((error as Error).message, {
        cause: error,
      });
    }
    if (!attempt.ok) throw new PrometheusQueryError(attempt.rejected);
    return attempt.samples;
  }

  private async queryOnce(
    query: string,
    time: number,
    signal: AbortSignal,
  ): Promise<Attempt> {
    const body = new URLSearchParams({
      query,
      time: (time / 1000).toFixed(3),
    });
    let response: Response;
    try {
      response = await this.fetchImpl(this.queryUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal,
      });
    } catch (error) {
      // fetch's "fetch failed" says nothing; its cause (ECONNREFUSED) does.
      const cause = (error as { cause?: unknown }).cause;
      throw new PrometheusUnavailableError(
        `Prometheus at ${this.options.baseUrl} is unreachable: ${
          (error as Error).message
        }${cause instanceof Error ? ` (${cause.message})` : ''}`,
        { cause: error },
      );
    }
    let payload: PrometheusResponse | undefined;
    try {
      payload = (await response.json()) as PrometheusResponse;
    } catch {
      payload = undefined;
    }
    if (response.status === 400 || response.status === 422) {
      return {
        ok: false,
        rejected: `Prometheus rejected the query (${
          payload?.errorType ?? response.status
        }): ${payload?.error ?? response.statusText}`,
      };
    }
    if (!response.ok || payload?.status !== 'success') {
      throw new PrometheusUnavailableError(
        `Prometheus query failed with HTTP ${response.status}${
          payload?.error ? `: ${payload.error}` : ''
        }`,
      );
    }
    if (payload.data?.resultType !== 'vector') {
      return {
        ok: false,
        rejected: `expected a vector result, got ${payload.data?.resultType}`,
      };
    }
    return {
      ok: true,
      samples: (payload.data.result ?? []).map(sample => ({
        labels: sample.metric ?? {},
        // Prometheus writes NaN and Inf as strings; Number() reads them.
        value: Number(sample.value?.[1]),
      })),
    };
  }
}
