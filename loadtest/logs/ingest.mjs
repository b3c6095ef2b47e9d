// Ingest rate: lines/s the store takes (a) through the real shipper, rsyslog
// (imfile -> mmjsonparse -> ompgsql, ops/rsyslog/vigil.conf rendered by
// scripts/lib/rsyslog.cjs), from the first line written to the last row
// visible; (b) straight into PostgreSQL with multi-row INSERTs of the
// shipper's columns (the store's ceiling without the shipper).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { log } from '../lib/report.mjs';
import { root, sleep, stopChild } from '../lib/process.mjs';
import { perSecond } from '../lib/stats.mjs';
import { databaseUrl } from './database.mjs';
import { jsonLine } from './lines.mjs';

const require = createRequire(import.meta.url);

const countOf = async (knex, service) =>
  Number((await knex('log_lines').where({ service }).count({ n: '*' }))[0].n);

/** (b) Batches of `batch` rows on `concurrency` connections. */
export async function directIngest(
  knex,
  { lines, batch = 1000, concurrency = 4 },
) {
  const service = 'direct-bench';
  const now = Date.now();
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < lines) {
      const start = next;
      next += batch;
      const rows = [];
      for (let i = start; i < Math.min(start + batch, lines); i++) {
        const line = JSON.parse(jsonLine(i, service, now + i));
        rows.push({
          ts: line.time,
          service,
          host: line.hostname,
          level: line.level,
          message: line.msg,
          request_id: line.request_id,
          trace_id: line.trace_id,
          span_id: line.span_id,
          fields: JSON.stringify(line),
        });
      }
      await knex('log_lines').insert(rows);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const stored = await countOf(knex, service);
  return {
    lines,
    stored,
    seconds: Number((ms / 1000).toFixed(1)),
    linesPerSecond: perSecond(stored, ms),
  };
}

/** (a) Through rsyslog: write the lines to a followed file, wait for the rows. */
export async function shippedIngest(knex, cfg, { lines, timeoutMs = 600_000 }) {
  const { writeRsyslogConfig } = require('../../scripts/lib/rsyslog.cjs');
  const dataDir = fs.mkdtempSync(path.join(cfg.tmp, 'ship-'));
  const inDir = path.join(dataDir, 'in');
  fs.mkdirSync(inDir, { recursive: true });
  const conf = writeRsyslogConfig({
    root,
    dataDir,
    values: {
      PG_CONNINFO: databaseUrl(cfg),
      LOG_GLOB: path.join(inDir, '*.json'),
      BATCH_SIZE: String(cfg.shipBatch),
      QUEUE_SIZE: '500000',
    },
  });
  const check = spawnSync('rsyslogd', ['-N1', '-f', conf], {
    encoding: 'utf8',
  });
  if (check.status !== 0) {
    throw new Error(`rsyslogd -N1 rejected ${conf}: ${check.stderr}`);
  }
  const pidFile = path.join(dataDir, 'rsyslogd.pid');
  const child = spawn('rsyslogd', ['-n', '-f', conf, '-i', pidFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group: stopChild signals the group.
    detached: true,
  });
  child.stderr.on('data', d => process.stderr.write(`[rsyslogd] ${d}`));
  try {
    await sleep(1500);
    const service = 'ship-bench';
    const file = path.join(inDir, 'bench.json');
    const now = Date.now();
    const t0 = performance.now();
    const chunk = 5000;
    for (let start = 0; start < lines; start += chunk) {
      let text = '';
      for (let i = start; i < Math.min(start + chunk, lines); i++) {
        text += `${jsonLine(i, service, now + i)}\n`;
      }
      fs.appendFileSync(file, text);
    }
    const writtenMs = performance.now() - t0;
    let stored = 0;
    let lastChange = performance.now();
    while (performance.now() - t0 < timeoutMs) {
      const count = await countOf(knex, service);
      if (count !== stored) lastChange = performance.now();
      stored = count;
      if (stored >= lines) break;
      if (performance.now() - lastChange > 30_000) {
        log(`rsyslog stalled at ${stored} of ${lines} lines for 30 s`);
        break;
      }
      await sleep(200);
    }
    const ms = performance.now() - t0;
    const sample = await knex('log_lines')
      .where({ service })
      .orderBy('id')
      .first('level', 'message', 'request_id', 'trace_id', 'span_id', 'host');
    log(
      `rsyslog shipped ${stored}/${lines} lines in ${(ms / 1000).toFixed(1)} s`,
    );
    return {
      lines,
      stored,
      writeSeconds: Number((writtenMs / 1000).toFixed(1)),
      seconds: Number((ms / 1000).toFixed(1)),
      linesPerSecond: perSecond(stored, ms),
      batchSize: cfg.shipBatch,
      firstRow: sample,
    };
  } finally {
    await stopChild(child, 5000);
    if (!cfg.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
