// The incidents benchmark's command line and the settings derived from it.
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from '../lib/cli.mjs';
import { workDir } from '../lib/process.mjs';

export const DAY = 86_400_000;
export const MINUTE = 60_000;

export const fail = failer('incidents-benchmark');

/**
 * Parses the command line (`args`, else process.argv); prints the problem and
 * exits 2 on a value that is not a non-negative integer.
 */
export function parseOptions(args) {
  const { values } = parseArgs({
    args,
    options: {
      groups: { type: 'string', default: '1000' },
      'per-group': { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '20' },
      duplicates: { type: 'string', default: '1000' },
      'ha-groups': { type: 'string', default: '100' },
      incidents: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '50' },
      seed: { type: 'string', default: '42' },
      postgres: { type: 'boolean', default: false },
      'skip-webhook': { type: 'boolean', default: false },
      'skip-list': { type: 'boolean', default: false },
      'keep-collator': { type: 'boolean', default: false },
      // Only the list queries whose names contain one of these (comma-separated).
      queries: { type: 'string', default: '' },
    },
  });
  const numbers = {
    groups: Number(values.groups),
    perGroup: Number(values['per-group']),
    concurrency: Number(values.concurrency),
    duplicates: Number(values.duplicates),
    haGroups: Number(values['ha-groups']),
    incidents: values['skip-list'] ? 0 : Number(values.incidents),
    duration: Number(values.duration),
    connections: Number(values.connections),
    seed: Number(values.seed),
  };
  checkNonNegative(
    'incidents-benchmark',
    {
      groups: numbers.groups,
      'per-group': numbers.perGroup,
      concurrency: numbers.concurrency,
      duplicates: numbers.duplicates,
      'ha-groups': numbers.haGroups,
      incidents: numbers.incidents,
      duration: numbers.duration,
      connections: numbers.connections,
      seed: numbers.seed,
    },
    { integer: true },
  );
  // Not the portal's 7007/9464 nor the SLO benchmark's 7027/7028.
  const ports = {
    backend: 7037,
    metrics: 9474,
    floor: 7038,
    floorMetrics: 9475,
  };
  return {
    ...numbers,
    postgres: values.postgres,
    skipWebhook: values['skip-webhook'],
    skipList: values['skip-list'],
    keepCollator: values['keep-collator'],
    queryNames: values.queries.split(',').filter(Boolean),
    ports,
    pg: {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      password: 'postgres',
    },
    pgPrefix: 'vigil_incbench_',
    work: workDir('incidents-benchmark'),
    webhookToken: `incidents-benchmark-${numbers.seed}`,
    fallbackEntity: 'component:default/scoring-api',
    base: `http://127.0.0.1:${ports.backend}`,
  };
}
