import type { SandboxServiceDefinition } from './catalog';
import type { TrafficStatus } from './admin';

/** One request of the generator: path relative to the sandbox's base URL. */
export interface TrafficRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

const sku = (random: () => number) =>
  // Mostly items that exist; now and then one that does not (a 404).
  `SKU-${String(Math.floor(random() * 520)).padStart(3, '0')}`;

/**
 * The next request to one synthetic service, in a realistic mix: mostly
 * writes and reads that succeed, a few client errors (4xx never count
 * against availability).
 */
export function trafficRequest(
  service: string,
  random: () => number = Math.random,
): TrafficRequest {
  const roll = random();
  if (service === 'checkout') {
    if (roll < 0.6) {
      return {
        method: 'POST',
        path: '/checkout/v1/orders',
        body: {
          items: [{ sku: sku(random), quantity: 1 + Math.floor(random() * 3) }],
        },
      };
    }
    if (roll < 0.95) {
      return {
        method: 'GET',
        path: `/checkout/v1/orders/o-${Math.floor(random() * 1e6)}`,
      };
    }
    return { method: 'POST', path: '/checkout/v1/orders', body: { items: [] } };
  }
  if (roll < 0.7) {
    return { method: 'GET', path: `/inventory/v1/items/${sku(random)}` };
  }
  if (roll < 0.97) {
    return {
      method: 'POST',
      path: '/inventory/v1/reservations',
      body: { sku: sku(random), quantity: 1 + Math.floor(random() * 5) },
    };
  }
  return {
    method: 'POST',
    path: '/inventory/v1/reservations',
    body: { sku: 'none', quantity: 0 },
  };
}

/** Something that calls `tick` every `intervalMs` until stopped. */
export type Scheduler = (tick: () => void, intervalMs: number) => () => void;

const intervalScheduler: Scheduler = (tick, intervalMs) => {
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
};

/**
 * A few requests a second to each synthetic service, through HTTP like a
 * client's, so their metrics and SLOs always have traffic to judge. Failures
 * are counted, never thrown: an injected fault is the point.
 */
export class TrafficGenerator {
  private stopTimer?: () => void;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stats = { sent: 0, failed: 0 };

  constructor(
    private readonly options: {
      baseUrl: string;
      services: readonly SandboxServiceDefinition[];
      /** Requests a second to each service; 0 sends none. */
      requestsPerSecond: number;
      random?: () => number;
      schedule?: Scheduler;
      timeoutMs?: number;
    },
  ) {}

  start(): void {
    const { requestsPerSecond } = this.options;
    if (this.stopTimer || requestsPerSecond <= 0) return;
    const schedule = this.options.schedule ?? intervalScheduler;
    this.stopTimer = schedule(
      () => this.tick(),
      Math.max(10, Math.round(1000 / requestsPerSecond)),
    );
  }

  /** One request to every service (what each interval sends). */
  tick(): void {
    for (const service of this.options.services) {
      const sent = this.send(
        trafficRequest(service.name, this.options.random ?? Math.random),
      );
      this.inFlight.add(sent);
      sent.finally(() => this.inFlight.delete(sent));
    }
  }

  /** Stops sending and waits for the requests still on their way. */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = undefined;
    await Promise.all(this.inFlight);
  }

  status(): TrafficStatus {
    return {
      running: this.stopTimer !== undefined,
      requestsPerSecond: this.options.requestsPerSecond,
      ...this.stats,
    };
  }

  private async send(request: TrafficRequest): Promise<void> {
    this.stats.sent += 1;
    try {
      const res = await fetch(`${this.options.baseUrl}${request.path}`, {
        method: request.method,
        headers: request.body ? { 'content-type': 'application/json' } : {},
        body: request.body ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
      await res.arrayBuffer();
    } catch {
      this.stats.failed += 1;
    }
  }
}
