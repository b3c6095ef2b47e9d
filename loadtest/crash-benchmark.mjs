// The crash test as a benchmark: the backend runs under the launcher's
// Supervisor (scripts/lib/supervisor.mjs), as `./vigil start` runs it; a
// burst of Alertmanager notifications (webhook v4, `--groups` groups x
// `--per-group`, each group's in order, groups interleaved, `--concurrency`
// in flight) goes to the incidents webhook with Alertmanager's retry
// behaviour; after `--kill-at` of them were delivered the backend's node
// process gets SIGKILL, the supervisor restarts it, and the sender's retries
// carry on. Then it checks through the API that every group has exactly one
// incident and every alert arrived exactly once, and prints the outage
// (kill -> ready, kill -> first 2xx), the restarts and the counts. Exits 1
// on a loss or a duplicate.
//
//   node loadtest/crash-benchmark.mjs [--database sqlite|postgres]
//        [--groups 300] [--per-group 10] [--concurrency 20] [--kill-at 0.33]
//        [--retry-for 300] [--seed 42]
//
// The parts live in loadtest/crash/ and reuse loadtest/incidents/ (the
// scenarios, the replay, the check) and loadtest/lib/.
import { stopChildrenOnExit } from './lib/process.mjs';
import { fail, parseOptions } from './crash/options.mjs';
import { run } from './crash/run.mjs';

stopChildrenOnExit();
const cfg = parseOptions();

run(cfg).then(
  code => process.exit(code),
  error => fail(error.stack ?? error.message),
);
