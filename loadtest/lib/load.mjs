// Load generation: autocannon with every response time kept, and a bounded pool.
import autocannon from 'autocannon';

/**
 * Runs autocannon with `options`; returns its result and every response time
 * in ms (unsorted). autocannon reports p97.5 but not p95, so percentiles come
 * from these.
 */
export async function runAutocannon(options) {
  const latencies = [];
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, res) =>
      error ? reject(error) : resolve(res),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
    });
  });
  return { result, latencies };
}

/** Runs fn(item, index) over items with `limit` in flight; results in order. */
export async function pool(items, limit, fn) {
  let next = 0;
  const results = new Array(items.length);
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}
