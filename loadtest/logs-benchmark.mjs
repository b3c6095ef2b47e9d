// The logs store, measured (figures, never pass/fail): in a database of its
// own (created, migrated with the logs backend's migration, dropped after),
//   1. ingest through the real shipper: rsyslog (ops/rsyslog/vigil.conf)
//      following a JSON file into log_lines, lines/s from the first line
//      written to the last row visible; and straight multi-row INSERTs (the
//      store's ceiling without the shipper);
//   2. 10 million lines generated in PostgreSQL over 7 days (every index in
//      place), then search latency p50/p95 per query shape through the
//      backend's own store code (full text, request id, level + time,
//      cursor paging, live tail).
//
//   node loadtest/logs-benchmark.mjs [--lines 10000000] [--ship-lines 200000]
//        [--direct-lines 200000] [--ship-batch 1000] [--reps 20]
//        [--pg postgresql://postgres@127.0.0.1:5432] [--database vigil_logs_bench]
//        [--skip-ship] [--keep]
//
// Run it under the CPU lock on a shared machine:
//   flock /tmp/vigil-cpu.lock node loadtest/logs-benchmark.mjs
// The parts live in loadtest/logs/.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { checkNonNegative, failer } from './lib/cli.mjs';
import { stopChildrenOnExit } from './lib/process.mjs';
import { log, printJson, table } from './lib/report.mjs';
import { createDatabase, dropDatabase } from './logs/database.mjs';
import { generateLines } from './logs/generate.mjs';
import { directIngest, shippedIngest } from './logs/ingest.mjs';
import { searchLatency } from './logs/search.mjs';

const fail = failer('logs-benchmark');
const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '10000000' },
    'ship-lines': { type: 'string', default: '200000' },
    'direct-lines': { type: 'string', default: '200000' },
    'ship-batch': { type: 'string', default: '1000' },
    reps: { type: 'string', default: '20' },
    pg: {
      type: 'string',
      default:
        process.env.VIGIL_LOGS_DATABASE_URL ??
        'postgresql://postgres@127.0.0.1:5432',
    },
    database: { type: 'string', default: 'vigil_logs_bench' },
    'skip-ship': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const cfg = {
  lines: Number(values.lines),
  shipLines: Number(values['ship-lines']),
  directLines: Number(values['direct-lines']),
  shipBatch: Number(values['ship-batch']),
  reps: Number(values.reps),
  pgUrl: values.pg,
  database: values.database,
  skipShip: values['skip-ship'],
  keep: values.keep,
  tmp: os.tmpdir(),
};
checkNonNegative(
  'logs-benchmark',
  {
    lines: cfg.lines,
    'ship-lines': cfg.shipLines,
    'direct-lines': cfg.directLines,
    'ship-batch': cfg.shipBatch,
    reps: cfg.reps,
  },
  { integer: true },
);
if (!/^[a-z_][a-z0-9_]*$/.test(cfg.database))
  fail('--database must be a plain lower-case name');

stopChildrenOnExit();

async function main() {
  const knex = await createDatabase(cfg);
  const figures = {
    machine: {
      cpus: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
    },
  };
  try {
    if (!cfg.skipShip && cfg.shipLines > 0) {
      log(`shipping ${cfg.shipLines} lines through rsyslog`);
      figures.ingestThroughRsyslog = await shippedIngest(knex, cfg, {
        lines: cfg.shipLines,
      });
    }
    if (cfg.directLines > 0) {
      log(`inserting ${cfg.directLines} lines directly`);
      figures.ingestDirect = await directIngest(knex, {
        lines: cfg.directLines,
      });
    }
    log(`generating ${cfg.lines} lines`);
    figures.bulkGenerate = await generateLines(knex, { lines: cfg.lines });
    log(`timing searches (${cfg.reps} of each)`);
    figures.search = await searchLatency(knex, cfg);
  } finally {
    await knex.destroy();
    if (!cfg.keep) await dropDatabase(cfg);
  }
  printJson(figures);
  console.log(
    `\nSearch latency over ${cfg.lines} lines (ms, ${
      cfg.reps
    } runs each):\n${table(figures.search, [
      ['query', 'query'],
      ['p50', 'p50'],
      ['p95', 'p95'],
      ['max', 'max'],
      ['avgRows', 'rows'],
    ])}`,
  );
}

main().catch(error => fail(error.stack ?? error.message));
