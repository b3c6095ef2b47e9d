/**
 * Feature-store writes during a drill, and reading them back afterwards:
 * the data half of RPO. Each write has a unique customer id and values
 * derived from its number, so a read-back finds both loss and corruption.
 */

export interface CustomerFeatures {
  accountAgeDays: number;
  chargebacks90d: number;
  transactions30d: number;
  averageTicket: number;
  countryRisk: number;
}

export interface FeatureWrite {
  id: string;
  features: CustomerFeatures;
  /** Epoch ms the answer arrived. */
  at: number;
  /** HTTP status, 0 for a network error or timeout. */
  status: number;
  acknowledged: boolean;
}

export interface FeatureWriteOptions {
  /** Base URL: HAProxy's frontend. */
  url: string;
  /** The scoring API's admin token. */
  adminToken: string;
  /** Distinguishes this drill's ids from any earlier drill's. */
  runId: string;
  perSecond: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

/** The features written as number `n`: distinct per write, valid for the API's schema. */
export function featuresFor(n: number): CustomerFeatures {
  return {
    accountAgeDays: n,
    chargebacks90d: n % 4,
    transactions30d: n % 60,
    averageTicket: 10 + (n % 1000) / 4,
    countryRisk: (n % 100) / 100,
  };
}

/** A customer id of the API's shape (1-64 letters, digits, `_`, `-`). */
export const drillCustomerId = (runId: string, n: number) =>
  `drill-${runId}-${n}`;

const REQUEST_TIMEOUT_MS = 5000;

/**
 * Writes one customer's features every `1000 / perSecond` ms through the
 * proxy (`PUT /admin/features/:id`), one at a time, until stopped.
 */
export function startFeatureWrites(options: FeatureWriteOptions): {
  stop(): Promise<FeatureWrite[]>;
} {
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const writes: FeatureWrite[] = [];
  const inFlight = new Set<Promise<void>>();
  let n = 0;

  const writeOne = async () => {
    n += 1;
    const id = drillCustomerId(options.runId, n);
    const features = featuresFor(n);
    let status = 0;
    try {
      const res = await fetchImpl(
        `${options.url}/admin/features/${encodeURIComponent(id)}`,
        {
          method: 'PUT',
          headers: {
            authorization: `Bearer ${options.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(features),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        },
      );
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    writes.push({
      id,
      features,
      at: now(),
      status,
      acknowledged: status === 204,
    });
  };

  const timer = setInterval(() => {
    const write = writeOne().finally(() => inFlight.delete(write));
    inFlight.add(write);
  }, Math.max(1, Math.round(1000 / options.perSecond)));

  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return writes;
    },
  };
}

export interface ReadBack {
  /** Ids read back with the values written. */
  found: string[];
  /** Ids not found, or found with other values, and why. */
  missing: { id: string; why: string }[];
}

const sameFeatures = (a: CustomerFeatures, b: unknown) =>
  typeof b === 'object' &&
  b !== null &&
  (Object.keys(a) as (keyof CustomerFeatures)[]).every(
    key => (b as Record<string, unknown>)[key] === a[key],
  );

/**
 * Reads every acknowledged write back through the proxy
 * (`GET /v1/features/:id`), a few at a time. A 5xx or network error is
 * retried twice (the read-back judges the data, not a passing hiccup).
 */
export async function readBackFeatures(
  url: string,
  writes: readonly FeatureWrite[],
  options: { fetchImpl?: typeof fetch; concurrency?: number } = {},
): Promise<ReadBack> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const acknowledged = writes.filter(w => w.acknowledged);
  const found: string[] = [];
  const missing: ReadBack['missing'] = [];

  const readOne = async (write: FeatureWrite) => {
    let why = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetchImpl(
          `${url}/v1/features/${encodeURIComponent(write.id)}`,
          { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
        );
        const body = (await res.json().catch(() => undefined)) as
          | { features?: unknown }
          | undefined;
        if (res.status === 200) {
          if (sameFeatures(write.features, body?.features)) {
            found.push(write.id);
          } else {
            missing.push({
              id: write.id,
              why: `read back other values: ${JSON.stringify(body?.features)}`,
            });
          }
          return;
        }
        why = `GET answered ${res.status}`;
        if (res.status < 500) break;
      } catch (error) {
        why = `GET failed: ${(error as Error).message}`;
      }
      await new Promise(resolve => setTimeout(resolve, 500 * (attempt + 1)));
    }
    missing.push({ id: write.id, why });
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency ?? 8 }, async () => {
      while (next < acknowledged.length) {
        await readOne(acknowledged[next++]);
      }
    }),
  );
  return { found, missing };
}
