// The RUM collector's throughput (figures, never pass/fail): a backend of
// its own (ports 17300/17301, SQLite by default or PostgreSQL with
// --postgres), Faro payloads shaped as the real SDK sends them (web vitals,
// a route change, an exception in one of 20) posted to /api/rum/collect by
// autocannon as browsers would; prints payloads/s, measurements/s, latency
// p50/p95/p99, backend CPU and what reached the Prometheus exposition.
//
//   node loadtest/rum-benchmark.mjs [--duration 20] [--warmup 5]
//        [--connections 10] [--payloads 2000] [--sessions 500]
//        [--seed 16] [--postgres]
//
// The parts live in loadtest/rum/.
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from './lib/cli.mjs';
import { freshDir, stopChildrenOnExit, workDir } from './lib/process.mjs';
import { run } from './rum/run.mjs';

const fail = failer('rum-benchmark');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    payloads: { type: 'string', default: '2000' },
    sessions: { type: 'string', default: '500' },
    seed: { type: 'string', default: '16' },
    postgres: { type: 'boolean', default: false },
  },
});
const numbers = {
  duration: Number(values.duration),
  warmup: Number(values.warmup),
  connections: Number(values.connections),
  payloads: Number(values.payloads),
  sessions: Number(values.sessions),
  seed: Number(values.seed),
};
checkNonNegative('rum-benchmark', numbers, { integer: true });
if (
  !numbers.duration ||
  !numbers.connections ||
  !numbers.payloads ||
  !numbers.sessions
) {
  fail('--duration, --connections, --payloads and --sessions must be above 0');
}
// H4's port range (17300-17349): not the portal's 7007/9464.
const ports = { backend: 17300, metrics: 17301 };
const cfg = {
  ...numbers,
  postgres: values.postgres,
  pgPrefix: 'h4_rumbench_',
  ports,
  base: `http://127.0.0.1:${ports.backend}`,
  work: freshDir(workDir('rum-benchmark')),
};
stopChildrenOnExit();
run(cfg).then(
  () => process.exit(0),
  error => fail(error.stack ?? error.message),
);
