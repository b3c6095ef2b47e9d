// The launch-gates benchmark's command line and the settings derived from it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from '../lib/cli.mjs';
import { root, workDir } from '../lib/process.mjs';

export const fail = failer('launch-gates-benchmark');

/** The numeric flags: [flag, setting, default]. */
const NUMERIC_FLAGS = [
  ['reviews', 'reviews', 500],
  ['entities', 'entities', 50],
  // Reviews evaluated at once (launchGates.evaluation.concurrency).
  ['concurrency', 'concurrency', 4],
  // Cycles in a row: the first turns pending checks into results, the next
  // ones find them unchanged (the steady state of the schedule).
  ['cycles', 'cycles', 2],
  // Milliseconds every source answer is held (0: as fast as it answers).
  ['source-delay', 'sourceDelayMs', 0],
  // One check's time limit (launchGates.evaluation.timeout), seconds.
  ['timeout', 'timeoutSeconds', 20],
];

/** The settings recorded with the figures. */
export const optionsOf = cfg =>
  Object.fromEntries(
    NUMERIC_FLAGS.map(([, key]) => [key, cfg[key]]).concat([
      ['postgres', cfg.postgres],
    ]),
  );

/** Parses the command line; prints the problem and exits on a bad value. */
export function parseOptions(args) {
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(
        NUMERIC_FLAGS.map(([flag, , fallback]) => [
          flag,
          { type: 'string', default: String(fallback) },
        ]),
      ),
      postgres: { type: 'boolean', default: false },
    },
  });
  const byFlag = Object.fromEntries(
    NUMERIC_FLAGS.map(([flag]) => [flag, Number(values[flag])]),
  );
  checkNonNegative('launch-gates-benchmark', byFlag, { integer: true });
  const numbers = Object.fromEntries(
    NUMERIC_FLAGS.map(([flag, key]) => [key, byFlag[flag]]),
  );
  if (numbers.reviews < 1 || numbers.entities < 1 || numbers.cycles < 1) {
    fail('--reviews, --entities and --cycles must be at least 1');
  }
  if (numbers.concurrency < 1) fail('--concurrency must be at least 1');
  const work = workDir('launch-gates-benchmark');
  return {
    ...numbers,
    postgres: values.postgres,
    work,
    evidenceDir: path.join(work, 'validation'),
    templatesDir: path.join(root, 'launch-gates', 'templates'),
    sqliteFile: path.join(work, 'sqlite', 'launch-gates.sqlite'),
    // Trust authentication: no password.
    pg: { host: '127.0.0.1', port: 5432, user: 'postgres' },
    pgDatabase: 'vigil_bench_launch_gates',
  };
}
