// Drives the scoring API with autocannon and prints latency percentiles,
// throughput and error rate. Figures only: it never passes or fails.
//   node loadtest/scoring-api.mjs [--url http://127.0.0.1:8080] [--duration 30]
//                                 [--connections 20] [--rate 0 (unlimited)]
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '20' },
    rate: { type: 'string', default: '0' },
    customers: { type: 'string', default: '1000' },
  },
});

const duration = Number(values.duration);
const connections = Number(values.connections);
const rate = Number(values.rate);
const customers = Number(values.customers);
for (const [name, v] of Object.entries({ duration, connections, rate, customers })) {
  if (!Number.isFinite(v) || v < 0) {
    console.error(`loadtest: --${name} must be a non-negative number`);
    process.exit(2);
  }
}

try {
  await fetch(`${values.url}/healthz`, { signal: AbortSignal.timeout(2000) });
} catch {
  console.error(`loadtest: nothing answers at ${values.url}; start it with ./vigil start`);
  process.exit(1);
}

let seq = 0;
// autocannon reports p97.5 but not p95, so percentiles come from every
// response time recorded here.
const latencies = [];
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

const options = {
  url: values.url,
  duration,
  connections,
  overallRate: rate || undefined,
  requests: [
    {
      method: 'POST',
      path: '/v1/score',
      headers: { 'content-type': 'application/json' },
      setupRequest: req => {
        seq += 1;
        const customer = (seq % customers) + 1;
        return {
          ...req,
          body: JSON.stringify({
            customerId: `c-${String(customer).padStart(5, '0')}`,
            amount: 5 + (seq % 500),
            currency: 'EUR',
          }),
        };
      },
    },
  ],
};
const result = await new Promise((resolve, reject) => {
  const instance = autocannon(options, (error, res) =>
    error ? reject(error) : resolve(res),
  );
  instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
    latencies.push(responseTimeMs);
  });
});
latencies.sort((a, b) => a - b);

const total = result.requests.total;
const failed = result.non2xx + result.errors + result.timeouts;
const figures = {
  url: `${values.url}/v1/score`,
  durationSeconds: duration,
  connections,
  requests: total,
  throughputRps: Math.round(result.requests.average),
  latencyMs: {
    p50: Number(percentile(latencies, 50).toFixed(2)),
    p95: Number(percentile(latencies, 95).toFixed(2)),
    p99: Number(percentile(latencies, 99).toFixed(2)),
    max: Number((latencies[latencies.length - 1] ?? 0).toFixed(2)),
  },
  errorRate: total ? Number((failed / total).toFixed(5)) : 0,
  non2xx: result.non2xx,
  socketErrors: result.errors,
  timeouts: result.timeouts,
};
console.log(JSON.stringify(figures, null, 2));
