/** A minimal client for Prometheus' instant query API. */

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

export interface PrometheusClientOptions {
  baseUrl: string;
  /** Per request, in milliseconds. */
  timeoutMs: number;
  /** Attempts per query for unavailability errors (1 = no retry). */
  attempts?: number;
  /** First retry delay in ms; doubles per attempt. */
  retryDelayMs?: number;
  fetchImpl?: typeof fetch;
}

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

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

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
   * not hit URL length limits) and returns its vector.
   */
  async queryVector(query: string, time: number): Promise<VectorSample[]> {
    const attempts = Math.max(1, this.options.attempts ?? 3);
    const firstDelay = this.options.retryDelayMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.queryOnce(query, time);
      } catch (error) {
        if (!(error instanceof PrometheusUnavailableError)) throw error;
        if (attempt >= attempts) throw error;
        await sleep(firstDelay * 2 ** (attempt - 1));
      }
    }
  }

  private async queryOnce(query: string, time: number) {
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
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new PrometheusUnavailableError(
        `Prometheus at ${this.options.baseUrl} is unreachable: ${
          (error as Error).message
        }`,
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
      throw new PrometheusQueryError(
        `Prometheus rejected the query (${
          payload?.errorType ?? response.status
        }): ${payload?.error ?? response.statusText}`,
      );
    }
    if (!response.ok || payload?.status !== 'success') {
      throw new PrometheusUnavailableError(
        `Prometheus query failed with HTTP ${response.status}${
          payload?.error ? `: ${payload.error}` : ''
        }`,
      );
    }
    if (payload.data?.resultType !== 'vector') {
      throw new PrometheusQueryError(
        `expected a vector result, got ${payload.data?.resultType}`,
      );
    }
    return (payload.data.result ?? []).map(sample => ({
      labels: sample.metric ?? {},
      // Prometheus writes NaN and Inf as strings; Number() reads them.
      value: Number(sample.value?.[1]),
    }));
  }
}
