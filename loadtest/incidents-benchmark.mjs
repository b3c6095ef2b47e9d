// Incidents backend at scale, against its own backend (figures, never pass/fail,
// except the loss/duplication check, which exits 1 on a mismatch).
//
// Part 1, webhook replay: N groups x M Alertmanager v4 notifications (firing,
// repeats, new alerts, exact duplicates, partial resolves, out-of-order older
// notifications, flapping alerts, full resolves, refires), each group's in
// order, groups interleaved, `--concurrency` in flight; 5xx retried like
// Alertmanager. Prints throughput and latency, then checks through the API
// that every group has exactly one incident with exactly the expected alert
// and status events. HA Alertmanager pair: `--ha-groups` more groups get every
// notification twice at the same moment (both peers, first one included), and
// a sample of delivered notifications is redelivered twice concurrently; the
// check is then repeated: nothing may change.
//
// Part 2, list API at scale: before the backend starts, seeds `--incidents`
// incidents through the plugin's own domain functions and store (declared,
// run through their statuses, postmortems for the resolved ones), then
// measures the incident list (first page, status, severity, text search,
// entity, a deep page by offset and by cursor) and one incident's detail
// with autocannon, and prints p50/p95/p99 and req/s per query, a bare Node
// http server's figures at the same settings, and the backend's peak RSS.
//
//   node loadtest/incidents-benchmark.mjs [--groups 1000] [--per-group 10]
//        [--concurrency 20] [--ha-groups 100] [--duplicates 1000] [--incidents 100000]
//        [--duration 20] [--connections 50] [--seed 42] [--postgres]
//        [--skip-webhook] [--skip-list] [--keep-collator] [--queries detail,cursor]
//
// The parts live in loadtest/incidents/ (see loadtest/README.md); helpers
// shared with the other benchmarks in loadtest/lib/.
import { stopChildrenOnExit } from './lib/process.mjs';
import { markStopping } from './incidents/backend.mjs';
import { fail, parseOptions } from './incidents/options.mjs';
import { run } from './incidents/run.mjs';

stopChildrenOnExit();
const cfg = parseOptions();

run(cfg).then(
  code => {
    markStopping();
    process.exit(code);
  },
  error => fail(error.stack ?? error.message),
);
