import autocannon from 'autocannon';

/** One scoring request of the load, as the client saw it. */
export interface RequestOutcome {
  /** Epoch ms when its answer (or error) arrived. */
  at: number;
  /** A 2xx answer. */
  ok: boolean;
  /** The HTTP status; 0 for a connection error or a timeout. */
  status: number;
  /** Response time in ms (0 for errors: autocannon does not time them). */
  latencyMs: number;
}

export interface LoadSummary {
  outcomes: RequestOutcome[];
  startedAt: number;
  stoppedAt: number;
  /** Requests written to a connection. */
  sent: number;
  /**
   * Sent but neither answered nor failed: in flight when the load stopped,
   * or on a connection that closed under them (autocannon reconnects
   * without counting those).
   */
  unanswered: number;
}

export interface ScoringLoadOptions {
  /** Base URL: HAProxy's frontend, http://127.0.0.1:8080. */
  url: string;
  /** Requests per second over all connections (autocannon `overallRate`). */
  rate: number;
  connections: number;
  /** Demo customers c-00001..c-<customers> the requests score. */
  customers?: number;
  /** Seconds before a request counts as failed. */
  timeoutSeconds?: number;
  now?: () => number;
}

export interface RunningLoad {
  /** Outcomes so far (the array keeps growing until stop). */
  readonly outcomes: readonly RequestOutcome[];
  stop(): Promise<LoadSummary>;
}

const FOREVER_SECONDS = 24 * 3600;

/**
 * Steady scoring traffic, `POST /v1/score` for the demo customers at a fixed
 * rate until stopped, every answer recorded with its time: the drill's and
 * the deploy benchmark's view of what users saw.
 */
export function startScoringLoad(options: ScoringLoadOptions): RunningLoad {
  const now = options.now ?? Date.now;
  const customers = options.customers ?? 1000;
  const outcomes: RequestOutcome[] = [];
  const startedAt = now();
  let seq = 0;

  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        overallRate: options.rate,
        duration: FOREVER_SECONDS,
        timeout: options.timeoutSeconds ?? 10,
        requests: [
          {
            method: 'POST',
            path: '/v1/score',
            headers: { 'content-type': 'application/json' },
            setupRequest: request => {
              seq += 1;
              const customer = (seq % customers) + 1;
              return {
                ...request,
                body: JSON.stringify({
                  customerId: `c-${String(customer).padStart(5, '0')}`,
                  amount: 5 + (seq % 500),
                  currency: 'EUR',
                }),
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on(
    'response',
    (_client: unknown, status: number, _bytes: number, latencyMs: number) => {
      outcomes.push({
        at: now(),
        ok: status >= 200 && status < 300,
        status,
        latencyMs,
      });
    },
  );
  instance.on('reqError', () => {
    outcomes.push({ at: now(), ok: false, status: 0, latencyMs: 0 });
  });

  return {
    outcomes,
    async stop() {
      instance.stop();
      await finished;
      const stoppedAt = now();
      // Requests built, each right before it is written (autocannon's own
      // `requests.sent` also counts one second's share it never sends).
      const sent = seq;
      return {
        outcomes,
        startedAt,
        stoppedAt,
        sent,
        unanswered: Math.max(0, sent - outcomes.length),
      };
    },
  };
}
