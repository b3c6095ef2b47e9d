// The launch-gates benchmark's final block: one row per cycle, then the
// figures as JSON.
import { printJson, table } from '../lib/report.mjs';

export function printFigures(result) {
  const o = result.options;
  console.log(
    `\nLaunch gates: ${o.reviews} reviews over ${o.entities} entities (${
      result.checksPerReview
    } checks each, ${result.automatedChecksPerReview} automated), ${
      o.postgres ? 'PostgreSQL' : 'SQLite'
    }, concurrency ${o.concurrency}, sources answering after ${
      o.sourceDelayMs
    } ms; seeded in ${(result.seedMs / 1000).toFixed(1)} s\n`,
  );
  console.log(
    table(
      result.cycles.map(c => ({
        cycle: c.cycle,
        evaluated: `${c.evaluated}/${c.reviews}`,
        wall: `${(c.wallMs / 1000).toFixed(1)} s`,
        rate: c.reviewsPerSecond,
        p50: c.perReviewMs.p50,
        p95: c.perReviewMs.p95,
        reads: c.sourceReadsTotal,
        cpu: c.cpuSeconds,
        rss: c.peakRssMb,
      })),
      [
        ['cycle', 'cycle'],
        ['evaluated', 'evaluated'],
        ['wall', 'wall time'],
        ['rate', 'reviews/s'],
        ['p50', 'p50 ms/review'],
        ['p95', 'p95 ms/review'],
        ['reads', 'source reads'],
        ['cpu', 'CPU s'],
        ['rss', 'peak RSS MB'],
      ],
    ),
  );
  console.log('');
  printJson(result);
}
