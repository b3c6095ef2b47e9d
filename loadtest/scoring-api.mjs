// Drives the scoring API with autocannon and prints latency percentiles,
// throughput and error rate. Figures only: it never passes or fails.
//   node loadtest/scoring-api.mjs [--url http://127.0.0.1:8080] [--duration 30]
//                                 [--connections 20] [--rate 0 (unlimited)]
//                                 [--report validation/load-tests]
//                                 [--entity component:default/scoring-api]
// With --report it also writes the launch gates' evidence,
// <dir>/<YYYYMMDDTHHMMSSZ>-<entity name>.{json,md}, with the service's peak
// resident memory sampled from its /metrics every 500 ms during the run.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkNonNegative } from './lib/cli.mjs';
import { runAutocannon } from './lib/load.mjs';
import { log, printJson } from './lib/report.mjs';
import { root } from './lib/process.mjs';
import {
  serviceVersion,
  writeLoadTestReport,
} from './launch-gates/load-test-report.mjs';
import { sampleResidentMemory } from './launch-gates/memory-sampler.mjs';
import { percentiles } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '20' },
    rate: { type: 'string', default: '0' },
    customers: { type: 'string', default: '1000' },
    report: { type: 'string' },
    entity: { type: 'string', default: 'component:default/scoring-api' },
  },
});

const duration = Number(values.duration);
const connections = Number(values.connections);
const rate = Number(values.rate);
const customers = Number(values.customers);
checkNonNegative('loadtest', { duration, connections, rate, customers });

try {
  await fetch(`${values.url}/healthz`, { signal: AbortSignal.timeout(2000) });
} catch {
  console.error(
    `loadtest: nothing answers at ${values.url}; start it with ./vigil start`,
  );
  process.exit(1);
}

let seq = 0;

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
// autocannon reports p97.5 but not p95, so percentiles come from every
// response time recorded.
const ranAt = new Date().toISOString();
const memory = values.report
  ? sampleResidentMemory(`${values.url}/metrics`, 500)
  : undefined;
const { result, latencies } = await runAutocannon(options);
const memoryFigures = await memory?.stop();

const total = result.requests.total;
const failed = result.non2xx + result.errors + result.timeouts;
const figures = {
  url: `${values.url}/v1/score`,
  durationSeconds: duration,
  connections,
  requests: total,
  throughputRps: Math.round(result.requests.average),
  latencyMs: percentiles(latencies, 2),
  errorRate: total ? Number((failed / total).toFixed(5)) : 0,
  non2xx: result.non2xx,
  socketErrors: result.errors,
  timeouts: result.timeouts,
};
printJson(figures);

if (values.report) {
  if (!memoryFigures?.samples) {
    console.error(
      `loadtest: no process_resident_memory_bytes from ${values.url}/metrics during the run; no report written`,
    );
    process.exit(1);
  }
  const written = writeLoadTestReport(path.resolve(root, values.report), {
    schemaVersion: 1,
    kind: 'load-test',
    entityRef: values.entity,
    ranAt,
    tool: 'autocannon (loadtest/scoring-api.mjs)',
    load: {
      url: figures.url,
      method: 'POST',
      durationSeconds: duration,
      connections,
      rate: rate ? `${rate} requests/s` : 'unlimited',
      customers,
      throughputRps: figures.throughputRps,
      memorySamples: memoryFigures.samples,
    },
    requests: total,
    errors: failed,
    latencyMs: {
      p50: figures.latencyMs.p50,
      p95: figures.latencyMs.p95,
      p99: figures.latencyMs.p99,
    },
    peakMemoryBytes: memoryFigures.peakBytes,
    ...(await serviceVersion(values.url)),
  });
  log(
    `report: ${path.relative(root, written.json)}, ${path.relative(
      root,
      written.markdown,
    )}`,
  );
}
