import Redis from 'ioredis';
import { CustomerFeatures, customerFeaturesSchema } from './scoring';
import { FaultInjector } from './faults';
import { ServiceMetrics } from './metrics';

/** Raised when the feature store cannot answer; the API maps it to 503. */
export class FeatureStoreUnavailableError extends Error {}

export interface FeatureStore {
  readonly backend: 'redis' | 'memory';
  get(customerId: string): Promise<CustomerFeatures | undefined>;
  put(customerId: string, features: CustomerFeatures): Promise<void>;
  count(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class InMemoryFeatureStore implements FeatureStore {
  readonly backend = 'memory' as const;
  private readonly data = new Map<string, CustomerFeatures>();

  async get(customerId: string) {
    return this.data.get(customerId);
  }
  async put(customerId: string, features: CustomerFeatures) {
    this.data.set(customerId, features);
  }
  async count() {
    return this.data.size;
  }
  async ping() {}
  async close() {}
}

const KEY_PREFIX = 'vigil:scoring:features:';

export class RedisFeatureStore implements FeatureStore {
  readonly backend = 'redis' as const;

  private constructor(private readonly client: Redis) {}

  /** Connects, or throws when Redis is not reachable within the timeout. */
  static async connect(
    url: string,
    options: { connectTimeoutMs?: number; commandTimeoutMs?: number } = {},
  ): Promise<RedisFeatureStore> {
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 1000,
      commandTimeout: options.commandTimeoutMs ?? 500,
      // Fail fast while disconnected instead of queueing requests forever.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: times => Math.min(times * 200, 2000),
    });
    // Errors surface on commands; the listener keeps ioredis from crashing us.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return new RedisFeatureStore(client);
  }

  async get(customerId: string) {
    const raw = await this.client.get(KEY_PREFIX + customerId);
    if (raw === null) return undefined;
    const parsed = customerFeaturesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }
  async put(customerId: string, features: CustomerFeatures) {
    await this.client.set(KEY_PREFIX + customerId, JSON.stringify(features));
  }
  async count() {
    let cursor = '0';
    let total = 0;
    do {
      const [next, keys] = await this.client.scan(
        cursor,
        'MATCH',
        `${KEY_PREFIX}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      total += keys.length;
    } while (cursor !== '0');
    return total;
  }
  async ping() {
    await this.client.ping();
  }
  async close() {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/**
 * Wraps a store with an in-process read cache, latency metrics and the
 * dependency-outage fault. Every call that reaches the store is timed.
 */
export class InstrumentedFeatureStore {
  private readonly cache = new Map<
    string,
    { value: CustomerFeatures | undefined; expires: number }
  >();

  constructor(
    private readonly store: FeatureStore,
    private readonly metrics: ServiceMetrics,
    private readonly faults: FaultInjector,
    private readonly cacheTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get backend() {
    return this.store.backend;
  }

  async get(customerId: string): Promise<CustomerFeatures | undefined> {
    const cached = this.cache.get(customerId);
    if (cached && cached.expires > this.now()) {
      this.metrics.featureCache.inc({ result: 'hit' });
      return cached.value;
    }
    this.metrics.featureCache.inc({ result: 'miss' });
    const value = await this.timed('get', () => this.store.get(customerId));
    if (this.cacheTtlMs > 0) {
      this.cache.set(customerId, {
        value,
        expires: this.now() + this.cacheTtlMs,
      });
      if (this.cache.size > 50_000) this.evictExpired();
    }
    return value;
  }

  async put(customerId: string, features: CustomerFeatures): Promise<void> {
    await this.timed('put', () => this.store.put(customerId, features));
    this.cache.delete(customerId);
  }

  async ping(): Promise<void> {
    await this.timed('ping', () => this.store.ping());
  }

  async count(): Promise<number> {
    return this.timed('count', () => this.store.count());
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async timed<T>(
    operation: string,
    call: () => Promise<T>,
  ): Promise<T> {
    const end = this.metrics.featureStoreDuration.startTimer({
      operation,
      backend: this.store.backend,
    });
    if (this.faults.isDependencyDown()) {
      this.metrics.faultsActive.inc({ kind: 'outage' });
      end({ outcome: 'error' });
      throw new FeatureStoreUnavailableError(
        'feature store unavailable (injected dependency outage)',
      );
    }
    try {
      const result = await call();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw new FeatureStoreUnavailableError(
        `feature store unavailable: ${(error as Error).message}`,
      );
    }
  }

  private evictExpired() {
    const now = this.now();
    for (const [key, entry] of this.cache) {
      if (entry.expires <= now) this.cache.delete(key);
    }
  }
}
