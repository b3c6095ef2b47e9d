// The on-call benchmark's command line and the settings derived from it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from '../lib/cli.mjs';
import { workDir } from '../lib/process.mjs';

export const fail = failer('oncall-benchmark');

/** The numeric flags: [flag, setting, default]. */
const NUMERIC_FLAGS = [
  ['schedules', 'schedules', 1000],
  ['layers', 'layers', 10],
  ['overrides', 'overrides', 1000],
  ['groups', 'groups', 100],
  ['duration', 'duration', 20],
  ['connections', 'connections', 50],
  // Connections of the timeline's concurrent run (a run at 1 comes first).
  ['timeline-connections', 'timelineConnections', 4],
  // Schedules whose final timeline is computed in process.
  ['timeline-samples', 'timelineSamples', 200],
  ['days', 'days', 90],
  ['seed', 'seed', 42],
];

/** The settings recorded with the figures. */
export const optionsOf = cfg =>
  Object.fromEntries(
    NUMERIC_FLAGS.map(([, key]) => [key, cfg[key]]).concat([
      ['postgres', cfg.postgres],
    ]),
  );

/**
 * Parses the command line (`args`, else process.argv); prints the problem and
 * exits 2 on a value that is not a non-negative integer.
 */
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
  checkNonNegative('oncall-benchmark', byFlag, { integer: true });
  const numbers = Object.fromEntries(
    NUMERIC_FLAGS.map(([flag, key]) => [key, byFlag[flag]]),
  );
  if (numbers.schedules < 1 || numbers.layers < 1 || numbers.groups < 1) {
    fail('--schedules, --layers and --groups must be at least 1');
  }
  // The API's bound on a timeline's range (to - from <= 100 days).
  if (numbers.days < 1 || numbers.days > 100) {
    fail('--days must be from 1 to 100');
  }
  // Every group owns at least one schedule.
  numbers.groups = Math.min(numbers.groups, numbers.schedules);
  // Not the portal's 7007/9464, the SLO benchmark's 7027/7028 nor the
  // incidents benchmark's 7037/7038.
  const ports = {
    backend: 7047,
    metrics: 9484,
    floor: 7048,
    floorMetrics: 9485,
  };
  const work = workDir('oncall-benchmark');
  return {
    ...numbers,
    postgres: values.postgres,
    ports,
    // Trust authentication: no password.
    pg: { host: '127.0.0.1', port: 5432, user: 'postgres' },
    pgPrefix: 'vigil_oncallbench_',
    work,
    sqliteDirectory: path.join(work, 'sqlite'),
    base: `http://127.0.0.1:${ports.backend}`,
  };
}
