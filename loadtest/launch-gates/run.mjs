// The launch-gates benchmark's steps in order: evidence files, sources
// server, an empty database, then the measured child process (cycle.cjs),
// which seeds the reviews and runs the cycles.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { freshDir, root } from '../lib/process.mjs';
import { log, writeJson } from '../lib/report.mjs';
import { writeEvidence } from './evidence.mjs';
import { optionsOf } from './options.mjs';
import { printFigures } from './report.mjs';
import { entityPlan, startSources } from './sources.mjs';

/** The knex config of the plugin's database: a fresh SQLite file or PostgreSQL database. */
async function emptyDatabase(cfg) {
  if (!cfg.postgres) {
    fs.mkdirSync(path.dirname(cfg.sqliteFile), { recursive: true });
    return {
      client: 'better-sqlite3',
      connection: { filename: cfg.sqliteFile },
      useNullAsDefault: true,
    };
  }
  const admin = knexFactory({
    client: 'pg',
    connection: { ...cfg.pg, database: 'postgres' },
  });
  try {
    await admin.raw('drop database if exists ?? with (force)', [
      cfg.pgDatabase,
    ]);
    await admin.raw('create database ??', [cfg.pgDatabase]);
  } finally {
    await admin.destroy();
  }
  return {
    client: 'pg',
    connection: { ...cfg.pg, database: cfg.pgDatabase },
    pool: { min: 0, max: cfg.concurrency + 2 },
  };
}

/**
 * Runs cycle.cjs with `options`; answers its IPC questions about the
 * sources' request counts; resolves with its JSON figures.
 */
function runCycles(options, sources) {
  return new Promise((resolve, reject) => {
    const child = fork(
      path.join(root, 'loadtest/launch-gates/cycle.cjs'),
      [JSON.stringify(options)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
        execArgv: ['--expose-gc'],
      },
    );
    const stop = () => child.kill();
    process.on('exit', stop);
    child.on('message', ({ ask }) => {
      if (ask === 'reset') sources.resetCounts();
      child.send({
        answer: ask,
        value: ask === 'counts' ? sources.counts() : true,
      });
    });
    let out = '';
    child.stdout.on('data', chunk => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      process.off('exit', stop);
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`cycle.cjs failed (${signal ?? `exit ${code}`})`));
    });
  });
}

export async function run(cfg) {
  freshDir(cfg.work);
  const plans = Array.from({ length: cfg.entities }, (_, i) => entityPlan(i));
  const files = writeEvidence(cfg.evidenceDir, plans);
  log(`wrote ${files} evidence files for ${cfg.entities} entities`);
  const sources = await startSources({
    entities: cfg.entities,
    appBaseUrl: 'http://localhost:3000',
    delayMs: cfg.sourceDelayMs,
  });
  try {
    const knex = await emptyDatabase(cfg);
    log(
      `seeding ${cfg.reviews} reviews over ${cfg.entities} entities on ${
        cfg.postgres ? 'PostgreSQL' : 'SQLite'
      }, then ${cfg.cycles} cycle(s) at concurrency ${cfg.concurrency}`,
    );
    const figures = await runCycles(
      {
        knex,
        reviews: cfg.reviews,
        entities: cfg.entities,
        concurrency: cfg.concurrency,
        cycles: cfg.cycles,
        sourcesUrl: sources.url,
        evidenceDir: cfg.evidenceDir,
        templatesDir: cfg.templatesDir,
        timeoutMs: cfg.timeoutSeconds * 1000,
      },
      sources,
    );
    const result = { options: optionsOf(cfg), ...figures };
    writeJson(path.join(cfg.work, 'figures.json'), result);
    printFigures(result);
  } finally {
    await sources.close();
  }
}
