// Launch gates at scale (figures, never pass/fail): seeds `--reviews`
// reviews of the default template (launch-gates/templates/default.yaml)
// over `--entities` entities into the plugin's database through its own
// store and migrations, then runs `--cycles` full re-evaluation cycles with
// the plugin's own ReviewEvaluationService, CheckEvaluator and built-in
// providers at `--concurrency`, as the scheduled task does: every automated
// check of every review, one shared per-cycle cache of source reads.
// Sources: a real HTTP server answering the SLO, incidents, on-call,
// deployments and TechDocs APIs and Prometheus's rules in their shapes
// (loadtest/launch-gates/sources.mjs), and an evidence directory with a
// load-test report, a security scan and a rollback drill per entity. Prints,
// per cycle: wall time, reviews/s, per-review p50/p95, source reads, CPU
// and peak RSS of the evaluating process.
//
//   node loadtest/launch-gates-benchmark.mjs [--reviews 500] [--entities 50]
//        [--concurrency 4] [--cycles 2] [--source-delay 0] [--timeout 20]
//        [--postgres]
//
// The parts live in loadtest/launch-gates/ (see loadtest/README.md);
// helpers shared with the other benchmarks in loadtest/lib/.
import { stopChildrenOnExit } from './lib/process.mjs';
import { fail, parseOptions } from './launch-gates/options.mjs';
import { run } from './launch-gates/run.mjs';

stopChildrenOnExit();
const cfg = parseOptions();

run(cfg).then(
  () => process.exit(0),
  error => fail(error.stack ?? error.message),
);
