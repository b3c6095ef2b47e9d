// On-call backend at scale, against its own backend (figures, never
// pass/fail). Before the backend starts, seeds `--schedules` schedules owned
// by `--groups` groups through the plugin's own store and migrations, each
// with `--layers` layers (hourly to monthly rotations, 2-8 participants,
// business-hours and night restrictions, zones with and without DST), a
// second version on three in ten (an edit, so history is read), a temporary
// schedule on one in ten, and `--overrides` overrides each (add, remove,
// replace) spread over a year either side of now. Then measures:
//   - the `--days`-day final timeline in process: oncall-common's
//     finalTimeline over sampled schedules' versions, overrides and
//     temporary schedules (and the store's read of them);
//   - who is on call over HTTP with autocannon at `--connections`:
//     GET /api/oncall/schedules/{id}/on-call and /api/oncall/on-call?groupRef=
//     for random schedules and groups;
//   - GET /api/oncall/schedules/{id}/timeline over `--days` days, one
//     request at a time and at `--timeline-connections`;
//   - a bare Node http server and the Backstage floor at the same settings.
//
//   node loadtest/oncall-benchmark.mjs [--schedules 1000] [--layers 10]
//        [--overrides 1000] [--groups 100] [--duration 20] [--connections 50]
//        [--timeline-connections 4] [--timeline-samples 200] [--days 90]
//        [--seed 42] [--postgres]
//
// The parts live in loadtest/oncall/ (see loadtest/README.md); helpers
// shared with the other benchmarks in loadtest/lib/.
import { stopChildrenOnExit } from './lib/process.mjs';
import { fail, parseOptions } from './oncall/options.mjs';
import { run } from './oncall/run.mjs';

stopChildrenOnExit();
const cfg = parseOptions();

run(cfg).then(
  () => process.exit(0),
  error => fail(error.stack ?? error.message),
);
