/**
 * A token bucket per client (its address): `perMinute` payloads a minute
 * on average, `burst` at once. Buckets live in memory, per replica (a
 * client behind HAProxy sticks to no replica, so the limit is per replica:
 * documented). At most `maxClients` buckets; the least recently used go.
 */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: {
      perMinute: number;
      burst: number;
      maxClients?: number;
      now?: () => number;
    },
  ) {}

  /** Takes a token: 0 when allowed, else the seconds to wait. */
  take(client: string): number {
    const now = (this.options.now ?? Date.now)();
    const { perMinute, burst } = this.options;
    const ratePerMs = perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: now };
    this.buckets.delete(client);
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + (now - bucket.at) * ratePerMs,
    );
    bucket.at = now;
    let wait = 0;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
    } else {
      wait = Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    }
    this.buckets.set(client, bucket);
    if (this.buckets.size > (this.options.maxClients ?? 10_000)) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    return wait;
  }
}
