// The crash benchmark's command line and the settings derived from it.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from '../lib/cli.mjs';
import { workDir } from '../lib/process.mjs';

export const fail = failer('crash-benchmark');

/**
 * Parses the command line (`args`, else process.argv); prints the problem and
 * exits 2 on a bad value.
 */
export function parseOptions(args) {
  const { values } = parseArgs({
    args,
    options: {
      database: { type: 'string', default: 'sqlite' },
      groups: { type: 'string', default: '300' },
      'per-group': { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '20' },
      'kill-at': { type: 'string', default: '0.33' },
      'retry-for': { type: 'string', default: '300' },
      seed: { type: 'string', default: '42' },
    },
  });
  if (!['sqlite', 'postgres'].includes(values.database)) {
    console.error('crash-benchmark: --database must be sqlite or postgres');
    process.exit(2);
  }
  const numbers = {
    groups: Number(values.groups),
    perGroup: Number(values['per-group']),
    concurrency: Number(values.concurrency),
    seed: Number(values.seed),
    retryFor: Number(values['retry-for']),
  };
  checkNonNegative('crash-benchmark', numbers, { integer: true });
  const killAt = Number(values['kill-at']);
  if (!(killAt > 0 && killAt < 1)) {
    console.error(
      'crash-benchmark: --kill-at must be a fraction between 0 and 1 (of the notifications delivered)',
    );
    process.exit(2);
  }
  // Helper A's range (7200-7299): not the portal's 7007/9464 nor another
  // benchmark's.
  const ports = { backend: 7201, metrics: 9501 };
  const postgres = values.database === 'postgres';
  return {
    ...numbers,
    killAt,
    database: values.database,
    postgres,
    // Alertmanager retries a notification until its timeout; a restart must
    // fit in it.
    retryForMs: numbers.retryFor * 1000,
    ports,
    pg: {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: 'postgres',
    },
    pgPrefix: 'vigil_crashbench_',
    work: path.join(workDir('crash-benchmark'), values.database),
    webhookToken: `crash-benchmark-${numbers.seed}`,
    fallbackEntity: 'component:default/scoring-api',
    base: `http://127.0.0.1:${ports.backend}`,
    keepCollator: false,
  };
}
