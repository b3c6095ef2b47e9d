// The log shipper as `./vigil start` runs it (scripts/lib/services.mjs):
// renders ops/rsyslog/vigil.conf into .data/rsyslog/, checks it with
// `rsyslogd -N1`, waits until the logs store's table exists (the logs
// backend's migration creates it; lines wait in their files meanwhile, as
// rsyslog would drop inserts into a missing table), then runs rsyslogd in
// the foreground with its own pid file and work directory (never the
// system's rsyslog). rsyslogd has no HTTP endpoint, so this process answers
// the supervisor's probes: GET /healthz is 200 while it waits or rsyslogd
// runs (JSON says which); when rsyslogd exits, so does this process.
//   node scripts/lib/rsyslog-runner.mjs [--port 8514]
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { logsDatabaseConninfo, writeRsyslogConfig } = require('./rsyslog.cjs');

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const dataDir = process.env.VIGIL_DATA_DIR ?? path.join(root, '.data');
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : 8514);
const say = line => console.log(`rsyslog-runner: ${line}`);

let state = 'starting';
let rsyslogd;
let stopping = false;

const server = http.createServer((req, res) => {
  const ok = req.url === '/healthz' && state !== 'failed';
  res.writeHead(ok ? 200 : req.url === '/healthz' ? 503 : 404, {
    'content-type': 'application/json',
  });
  res.end(JSON.stringify({ state, pid: rsyslogd?.pid ?? null }));
});

/** Whether the logs store's table exists yet (false while unreachable). */
async function tableExists(conninfo) {
  // pg is the logs backend's dependency; resolved from its package.
  const { Client } = createRequire(
    path.join(root, 'plugins/logs-backend/package.json'),
  )('pg');
  const client = new Client({ connectionString: conninfo });
  try {
    await client.connect();
    const { rows } = await client.query(
      "SELECT to_regclass('log_lines') IS NOT NULL AS present",
    );
    return rows[0].present === true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function stop(signal) {
  stopping = true;
  if (rsyslogd && rsyslogd.exitCode === null) rsyslogd.kill(signal);
  else process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'])
  process.on(signal, () => stop(signal));

async function main() {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const conf = writeRsyslogConfig({ root, dataDir, env: process.env });
  const check = spawnSync('rsyslogd', ['-N1', '-f', conf], {
    encoding: 'utf8',
  });
  if (check.status !== 0) {
    state = 'failed';
    console.error(`rsyslog-runner: ${conf} is invalid: ${check.stderr.trim()}`);
    process.exit(1);
  }
  const conninfo = logsDatabaseConninfo(process.env);
  const where = conninfo.replace(/\/\/[^@/]*@/, '//');
  state = 'waiting for the log_lines table';
  let told = false;
  while (!stopping && !(await tableExists(conninfo))) {
    if (!told)
      say(`waiting for log_lines in ${where} (the logs backend creates it)`);
    told = true;
    await new Promise(r => setTimeout(r, 2000));
  }
  if (stopping) process.exit(0);
  const pidFile = path.join(dataDir, 'rsyslog', 'rsyslogd.pid');
  // One runner at a time (the launcher's lock): a pid file left by a killed
  // rsyslogd would only make the new one refuse to start.
  fs.rmSync(pidFile, { force: true });
  rsyslogd = spawn('rsyslogd', ['-n', '-f', conf, '-i', pidFile], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  state = 'shipping';
  say(
    `rsyslogd (PID ${rsyslogd.pid}) ships ${path.relative(
      root,
      path.join(dataDir, 'logs/json'),
    )}/*.json to ${where}`,
  );
  rsyslogd.once('exit', (code, signal) => {
    if (!stopping)
      console.error(
        `rsyslog-runner: rsyslogd exited (${signal ?? `code ${code}`})`,
      );
    process.exit(stopping ? 0 : 1);
  });
}

main().catch(error => {
  console.error(`rsyslog-runner: ${error.message}`);
  process.exit(1);
});
