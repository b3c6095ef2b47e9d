// Zero downtime, measured: blue-green deploys and rollbacks of the scoring
// API through a real HAProxy under steady load (figures, never pass/fail).
// Starts its own HAProxy (ops/haproxy/haproxy.cfg with free ports and its
// own admin socket) and scoring API instances through the deploy CLI's
// modules, so a running platform is not disturbed; then autocannon at a
// fixed rate through the proxy, a deploy (build, start green, smoke, switch
// with draining, watch, stop blue) and a rollback, and prints failed
// requests and latency p50/p95/p99 for steady state, the window around each
// switch and each whole operation.
//
//   node loadtest/deploy-benchmark.mjs [--rate 200] [--connections 10]
//        [--steady 20] [--watch 5] [--settle 5] [--margin 2]
//        [--redis redis://127.0.0.1:6379]
//
// The parts live in loadtest/deploy/ (see loadtest/README.md).
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from './lib/cli.mjs';
import { freshDir, workDir } from './lib/process.mjs';
import { run } from './deploy/run.mjs';

const fail = failer('deploy-benchmark');
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    connections: { type: 'string', default: '10' },
    steady: { type: 'string', default: '20' },
    watch: { type: 'string', default: '5' },
    settle: { type: 'string', default: '5' },
    margin: { type: 'string', default: '2' },
    redis: { type: 'string' },
  },
});
const cfg = {
  rate: Number(values.rate),
  connections: Number(values.connections),
  steady: Number(values.steady),
  watch: Number(values.watch),
  settle: Number(values.settle),
  margin: Number(values.margin),
  // Default: each instance's in-process feature store (demo customers),
  // so the benchmark shares nothing with a running platform.
  redis: values.redis,
  work: freshDir(workDir('deploy-benchmark')),
};
checkNonNegative('deploy-benchmark', {
  rate: cfg.rate,
  steady: cfg.steady,
  watch: cfg.watch,
  settle: cfg.settle,
  margin: cfg.margin,
});
checkNonNegative(
  'deploy-benchmark',
  { connections: cfg.connections },
  { integer: true },
);
if (cfg.rate === 0 || cfg.connections === 0) {
  fail('--rate and --connections must be above 0 (a fixed rate is the point)');
}

run(cfg).then(
  () => process.exit(0),
  error => fail(error.stack ?? error.message),
);
