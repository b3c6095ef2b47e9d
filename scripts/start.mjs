// Starts the whole local platform and keeps it running until Ctrl-C:
// Prometheus and Alertmanager (when installed), the scoring API with a light
// demo load, the Backstage backend and the frontend dev server. Logs go to
// .data/logs/<name>.log.
//   --built-app        serve the production build of the app from the backend
//                      (http://localhost:7007) instead of the dev server
//   --no-demo-traffic  no synthetic load (also VIGIL_DEMO_TRAFFIC=0)
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { checkConfigFiles, ConfigFileError } from './lib/config-files.mjs';
import { demoTrafficEnabled, startDemoTraffic } from './lib/demo-traffic.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data');
const logDir = path.join(dataDir, 'logs');
const startedAt = Date.now();
const readyTimeoutMs = Number(process.env.VIGIL_START_TIMEOUT_MS ?? 600_000);
const args = process.argv.slice(2);
for (const arg of args) {
  if (!['--built-app', '--no-demo-traffic'].includes(arg)) {
    console.error(
      `vigil: unknown option ${arg}; ./vigil start [--built-app] [--no-demo-traffic]`,
    );
    process.exit(2);
  }
}
const builtApp = args.includes('--built-app');
// The addresses Prometheus and Alertmanager put in the links they send (an
// alert's generatorURL): the ones the portal reaches them at (app-config's
// vigil.prometheus.url), not this machine's host name.
const prometheusUrl = 'http://127.0.0.1:9090';
const alertmanagerUrl = 'http://127.0.0.1:9093';
const backendUrl = 'http://localhost:7007';

const fail = message => {
  console.error(`vigil: ${message}`);
  process.exit(1);
};
const note = message => console.log(`vigil: ${message}`);
const seconds = () => `${Math.round((Date.now() - startedAt) / 1000)}s`;
const hasBinary = name =>
  spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status ===
  0;

const services = [
  {
    name: 'prometheus',
    binary: 'prometheus',
    install: 'apt-get install prometheus',
    command: 'prometheus',
    args: [
      '--config.file=ops/prometheus/prometheus.yml',
      // The end-to-end test points this at an empty directory so alerts left
      // firing by earlier local runs cannot leak into its assertions.
      `--storage.tsdb.path=${
        process.env.VIGIL_PROMETHEUS_DATA_DIR ??
        path.join(dataDir, 'prometheus')
      }`,
      '--storage.tsdb.retention.time=35d',
      '--web.listen-address=127.0.0.1:9090',
      `--web.external-url=${prometheusUrl}`,
      // No --web.enable-lifecycle: nothing here reloads or quits Prometheus
      // over HTTP (it reloads its rules on SIGHUP). The admin API (delete
      // series, snapshots) only when asked for: VIGIL_PROMETHEUS_ADMIN_API=1.
      ...(process.env.VIGIL_PROMETHEUS_ADMIN_API === '1'
        ? ['--web.enable-admin-api']
        : []),
    ],
    ports: [9090],
    ready: 'http://127.0.0.1:9090/-/ready',
  },
  {
    name: 'alertmanager',
    binary: 'prometheus-alertmanager',
    install: 'apt-get install prometheus-alertmanager',
    command: 'prometheus-alertmanager',
    args: [
      '--config.file=ops/alertmanager/alertmanager.yml',
      // The end-to-end test starts it empty too: its notification log would
      // otherwise remember alerts an earlier run already sent, and not resend.
      `--storage.path=${
        process.env.VIGIL_ALERTMANAGER_DATA_DIR ??
        path.join(dataDir, 'alertmanager')
      }`,
      '--web.listen-address=127.0.0.1:9093',
      `--web.external-url=${alertmanagerUrl}`,
      // A single local instance: no gossip port to collide with.
      '--cluster.listen-address=',
    ],
    ports: [9093],
    ready: 'http://127.0.0.1:9093/-/ready',
  },
  {
    // The demo's SMTP server: pages (Backstage notifications) arrive here by
    // email through the notifications email module (app-config.yaml).
    name: 'mail',
    binary: '/usr/bin/python3',
    install: 'apt-get install python3-aiosmtpd',
    command: '/usr/bin/python3',
    args: [
      'ops/mail/local-smtp.py',
      '--smtp=127.0.0.1:1025',
      '--http=127.0.0.1:8025',
      `--dir=${process.env.VIGIL_MAIL_DIR ?? path.join(dataDir, 'mail')}`,
    ],
    ports: [1025, 8025],
    ready: 'http://127.0.0.1:8025/healthz',
  },
  {
    // The local OpenID Provider the portal signs in through (demo users of
    // catalog-info.yaml, password in .data/oidc-demo-password); it starts
    // before the backend, which reads its discovery document.
    name: 'oidc',
    command: 'node',
    args: ['packages/local-oidc/bin/vigil-local-oidc'],
    ports: [7010],
    ready: 'http://127.0.0.1:7010/.well-known/openid-configuration',
  },
  {
    // HAProxy fronts the scoring API on 127.0.0.1:8080 (ops/haproxy/); once
    // it is ready, `vigil-deploy up` builds the working tree and starts it as
    // blue on 8081 (green, 8082, is the idle colour for `yarn vigil-deploy
    // deploy`). Stats and HAProxy's Prometheus exporter on 127.0.0.1:8404.
    name: 'haproxy',
    binary: 'haproxy',
    install: 'apt-get install haproxy',
    command: 'haproxy',
    args: ['-db', '-f', 'ops/haproxy/haproxy.cfg'],
    ports: [8080, 8404],
    ready: 'http://127.0.0.1:8404/healthz',
    afterReady: () => deployCli('up'),
  },
  {
    // Without HAProxy the scoring API runs alone on 8080, as before
    // blue-green: no deploys or rollbacks then.
    name: 'scoring-api',
    command: 'yarn',
    args: ['workspace', '@vigil/scoring-api', 'start'],
    ports: [8080],
    ready: 'http://127.0.0.1:8080/readyz',
    skip: hasBinary('haproxy'),
  },
  {
    name: 'backend',
    command: 'yarn',
    args: ['workspace', 'backend', 'start'],
    ports: [7007, 9464],
    ready: 'http://127.0.0.1:7007/.backstage/health/v1/readiness',
    // Read at spawn time, after ensureSecrets(): the deploy token, as a
    // Backstage static external access token (subject vigil-deploy) limited
    // to the deployments plugin, so `yarn vigil-deploy` can post records;
    // and the launch-gates token (subject vigil-gates) limited to the
    // launch-gates plugin, so `yarn vigil-gates` can export reviews and post
    // load-test and security-scan reports.
    secretEnv: () => ({
      APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
        {
          type: 'static',
          options: {
            token: process.env.VIGIL_DEPLOY_TOKEN,
            subject: 'vigil-deploy',
          },
          accessRestrictions: [{ plugin: 'deployments' }],
        },
        {
          type: 'static',
          options: {
            token: process.env.VIGIL_LAUNCH_GATES_TOKEN,
            subject: 'vigil-gates',
          },
          accessRestrictions: [{ plugin: 'launch-gates' }],
        },
      ]),
    }),
    // The backend logs these and keeps running without ever becoming ready.
    fatal:
      /Unhandled rejection|Backend failed to start|Failed to start plugin/i,
    // With --built-app the backend's app plugin serves packages/app/dist, so
    // the app's base URL is the backend's.
    env: {
      // Pages go by email too, to the demo's SMTP server above, through
      // Backstage's notifications email module; production configures its
      // own relay (README: "Email"). Pages are critical or high; routine
      // notifications stay in the portal.
      APP_CONFIG_notifications_processors_email: JSON.stringify({
        transportConfig: {
          transport: 'smtp',
          hostname: '127.0.0.1',
          port: 1025,
          secure: false,
        },
        sender: 'vigil@vigil.example',
        filter: { minSeverity: 'high' },
      }),
      ...(builtApp ? { APP_CONFIG_app_baseUrl: backendUrl } : {}),
    },
  },
  {
    name: 'app',
    command: 'yarn',
    args: ['workspace', 'app', 'start'],
    ports: [3000],
    ready: 'http://localhost:3000/',
    env: { BROWSER: 'none' },
    skip: builtApp,
  },
].filter(service => !service.skip);

function portInUse(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', error => resolve(error.code === 'EADDRINUSE'));
    server.once('listening', () => server.close(() => resolve(false)));
    server.listen(port);
  });
}

async function waitForUrl(url, child, fatal, logFile) {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    if (fatal && fatal.test(readLog(logFile))) return false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  return false;
}

async function prometheusUp(job) {
  const query = encodeURIComponent(`up{job="${job}"}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(
        `http://127.0.0.1:9090/api/v1/query?query=${query}`,
      );
      const body = await res.json();
      if (body.data?.result?.[0]?.value?.[1] === '1') return true;
    } catch {
      // Prometheus not answering yet
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  return false;
}

function readLog(file) {
  try {
    // eslint-disable-next-line no-control-regex
    return fs.readFileSync(file, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  } catch {
    return '';
  }
}

/** The line of a log that best says why a process failed, without stack frames. */
function explain(file) {
  const meaningful = readLog(file)
    .split('\n')
    .filter(l => l.trim() && !/^\s+at /.test(l));
  const error = meaningful
    .filter(l => /error|invalid|cannot|failed|EADDRINUSE/i.test(l))
    .pop();
  const line = error ?? meaningful.pop() ?? 'the log is empty';
  // Drop the logger's structured tail (type=..., stack="...").
  return line
    .replace(/^\S*\d{4}-\d\d-\d\dT[\d:.]+Z\s+/, '')
    .replace(/\s+(type|stack)=.*$/, '')
    .trim()
    .slice(0, 400);
}

const running = [];
let stopping = false;
let demoTraffic;
let deployUpStarted = false;

/**
 * Runs `vigil-deploy <command>` (packages/deploy-cli) with this process's
 * environment (the admin token, the deploy token); its progress goes to
 * .data/logs/vigil-deploy.log. Resolves true when it succeeded.
 */
function deployCli(command) {
  if (command === 'up') deployUpStarted = true;
  const logFile = path.join(logDir, 'vigil-deploy.log');
  const out = fs.openSync(logFile, 'a');
  return new Promise(resolve => {
    const child = spawn(
      'node',
      ['packages/deploy-cli/bin/vigil-deploy', command],
      { cwd: root, stdio: ['ignore', out, out] },
    );
    child.on('exit', code => {
      fs.closeSync(out);
      if (code !== 0 && !stopping) {
        console.error(
          `vigil: vigil-deploy ${command} failed: ${explain(
            logFile,
          )} (full log: ${path.relative(root, logFile)})`,
        );
      }
      resolve(code === 0);
    });
  });
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  note('stopping everything');
  demoTraffic?.stop();
  // The scoring API instances run detached from vigil-deploy: stop them
  // first, while HAProxy still runs (they drain their open requests).
  if (deployUpStarted) {
    spawnSync('node', ['packages/deploy-cli/bin/vigil-deploy', 'down'], {
      cwd: root,
      stdio: 'ignore',
      timeout: 30_000,
    });
  }
  for (const { child } of running) {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  const deadline = Date.now() + 10_000;
  const timer = setInterval(() => {
    const alive = running.filter(({ child }) => child.exitCode === null);
    if (alive.length === 0 || Date.now() > deadline) {
      for (const { child } of alive) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      clearInterval(timer);
      process.exit(code);
    }
  }, 200);
}

/**
 * Generates the Prometheus rules for every catalog entity with SLOs as code
 * (vigil.dev/slo-spec, relative to catalog-info.yaml) so the local Prometheus
 * evaluates them. A bad spec is reported and skipped; the rest still start.
 */
function generateSloRules() {
  const rulesDir = path.join(dataDir, 'prometheus-rules');
  fs.rmSync(rulesDir, { recursive: true, force: true });
  fs.mkdirSync(rulesDir, { recursive: true });
  const entities = parseAllDocuments(
    fs.readFileSync(path.join(root, 'catalog-info.yaml'), 'utf8'),
  ).map(d => d.toJS());
  for (const entity of entities) {
    const spec = entity?.metadata?.annotations?.['vigil.dev/slo-spec'];
    if (!spec) continue;
    const name = `${entity.kind}-${entity.metadata.name}`.toLowerCase();
    const out = path.join(rulesDir, `slo-${name}.yml`);
    const result = spawnSync(
      'node',
      [
        'packages/slo-cli/bin/vigil-slo',
        'generate',
        '--input',
        spec,
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (result.status === 0) {
      note(`SLO rules for ${name} written to ${path.relative(root, out)}`);
    } else {
      note(
        `SLO rules for ${name} not generated: ${
          (result.stderr || result.stdout).trim().split('\n')[0]
        }`,
      );
    }
  }
}

/**
 * The local platform's secrets: each taken from its environment variable or
 * generated once into .data/<file> (mode 0600, kept across restarts), and
 * exported so the processes started below read them from the environment
 * (app-config.yaml's ${...}) or from the file (alertmanager.yml's
 * credentials_file). Rotate one by deleting its file and restarting.
 */
const secrets = [
  // Alertmanager presents it to the incidents webhook.
  {
    env: 'VIGIL_ALERTMANAGER_WEBHOOK_TOKEN',
    file: 'alertmanager-webhook-token',
  },
  // The scoring API's /admin endpoints (fault injection) ask for it.
  { env: 'VIGIL_SCORING_ADMIN_TOKEN', file: 'scoring-admin-token' },
  // `yarn vigil-deploy` posts deployment records to the portal with it (it
  // reads .data/deploy-token when the variable is not set).
  { env: 'VIGIL_DEPLOY_TOKEN', file: 'deploy-token' },
  // `yarn vigil-gates` exports launch reviews and posts reports with it (it
  // reads .data/launch-gates-token when the variable is not set).
  { env: 'VIGIL_LAUNCH_GATES_TOKEN', file: 'launch-gates-token' },
  // The portal's client secret at the local OpenID Provider.
  { env: 'VIGIL_OIDC_CLIENT_SECRET', file: 'oidc-client-secret' },
  // The demo users' password at the local OpenID Provider.
  { env: 'VIGIL_OIDC_DEMO_PASSWORD', file: 'oidc-demo-password', bytes: 12 },
  // Signs the auth backend's session cookie (OIDC sign-in).
  { env: 'VIGIL_AUTH_SESSION_SECRET', file: 'auth-session-secret' },
];

function ensureSecrets() {
  for (const { env, file, bytes = 32 } of secrets) {
    const filePath = path.join(dataDir, file);
    let value = process.env[env];
    if (!value && fs.existsSync(filePath))
      value = fs.readFileSync(filePath, 'utf8').trim();
    if (!value) value = crypto.randomBytes(bytes).toString('hex');
    fs.writeFileSync(filePath, value, { mode: 0o600 });
    process.env[env] = value;
  }
}

/** The production build of the app, for --built-app (about 20 s). */
function buildApp() {
  note('building the app (production bundle, served by the backend)');
  const logFile = path.join(logDir, 'app-build.log');
  const out = fs.openSync(logFile, 'w');
  const build = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: root,
    stdio: ['ignore', out, out],
  });
  if (build.status !== 0) {
    fail(
      `the app did not build: ${explain(logFile)} (full log: ${path.relative(
        root,
        logFile,
      )})`,
    );
  }
  note(`app built (${seconds()})`);
}

async function main() {
  try {
    checkConfigFiles(root);
  } catch (error) {
    if (error instanceof ConfigFileError) fail(error.message);
    throw error;
  }

  const wanted = [];
  for (const service of services) {
    if (service.binary && !hasBinary(service.binary)) {
      note(
        `${service.binary} is not installed, so the portal starts without it (install it with '${service.install}' and run ./vigil start again)`,
      );
      continue;
    }
    wanted.push(service);
  }

  for (const service of wanted) {
    for (const port of service.ports) {
      if (await portInUse(port)) {
        fail(
          `port ${port} (${service.name}) is in use by another process; stop it (see 'ss -ltnp sport = :${port}') and run ./vigil start again`,
        );
      }
    }
  }

  fs.mkdirSync(logDir, { recursive: true });
  fs.mkdirSync(path.join(dataDir, 'sqlite'), { recursive: true });
  // HAProxy's admin socket (ops/haproxy/haproxy.cfg), and the scoring API's
  // scrape targets, which vigil-deploy writes: none until `up` has run.
  fs.mkdirSync(path.join(dataDir, 'haproxy'), { recursive: true });
  const targetsDir = path.join(dataDir, 'prometheus-targets');
  fs.mkdirSync(targetsDir, { recursive: true });
  if (!hasBinary('haproxy')) {
    // The scoring API alone on 8080 (no blue-green): scrape it there.
    fs.writeFileSync(
      path.join(targetsDir, 'scoring-api.json'),
      `${JSON.stringify([
        {
          targets: ['127.0.0.1:8080'],
          labels: { service: 'scoring-api', color: 'none' },
        },
      ])}\n`,
    );
  } else if (!fs.existsSync(path.join(targetsDir, 'scoring-api.json'))) {
    fs.writeFileSync(path.join(targetsDir, 'scoring-api.json'), '[]\n');
  }

  generateSloRules();
  ensureSecrets();

  if (hasBinary('promtool') && wanted.some(s => s.name === 'prometheus')) {
    const check = spawnSync(
      'promtool',
      ['check', 'config', 'ops/prometheus/prometheus.yml'],
      { cwd: root, encoding: 'utf8' },
    );
    if (check.status !== 0) {
      const why = `${check.stdout}\n${check.stderr}`
        .split('\n')
        .find(l => /FAILED|error/i.test(l));
      fail(
        `ops/prometheus/prometheus.yml is invalid: ${
          why?.trim() ?? 'promtool check config failed'
        }`,
      );
    }
  }

  if (hasBinary('mkdocs')) {
    const build = spawnSync('node', ['scripts/build-techdocs.cjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) {
      note(
        `TechDocs prebuild failed; pages build on first view instead: ${(
          build.stderr || build.stdout
        )
          .trim()
          .split('\n')
          .pop()}`,
      );
    }
  } else {
    note(
      "mkdocs is not installed, so TechDocs pages cannot build (install it with 'apt-get install mkdocs mkdocs-material')",
    );
  }

  if (builtApp) buildApp();

  for (const service of wanted) {
    const logFile = path.join(logDir, `${service.name}.log`);
    const out = fs.openSync(logFile, 'w');
    const child = spawn(service.command, service.args, {
      cwd: root,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, ...service.env, ...service.secretEnv?.() },
    });
    running.push({ service, child, logFile });
    child.on('exit', code => {
      if (stopping) return;
      console.error(
        `vigil: ${service.name} exited during start (code ${code}): ${explain(
          logFile,
        )} (full log: ${path.relative(root, logFile)})`,
      );
      stopAll(1);
    });
  }

  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGHUP', () => stopAll(0));

  await Promise.all(
    running.map(async ({ service, child, logFile }) => {
      if (await waitForUrl(service.ready, child, service.fatal, logFile)) {
        note(
          `${service.name} ready at ${
            new URL(service.ready).origin
          } (${seconds()})`,
        );
        if (service.afterReady && !stopping) {
          if (await service.afterReady()) {
            note(
              `scoring API live behind HAProxy at http://127.0.0.1:8080 (blue; yarn vigil-deploy status) (${seconds()})`,
            );
          } else if (!stopping) {
            stopAll(1);
          }
        }
      } else if (!stopping) {
        console.error(
          `vigil: ${service.name} did not become ready at ${
            service.ready
          }: ${explain(logFile)} (full log: ${path.relative(root, logFile)})`,
        );
        stopAll(1);
      }
    }),
  );
  if (stopping) return;

  if (running.some(r => r.service.name === 'prometheus')) {
    for (const job of ['scoring-api', 'vigil-backend']) {
      note(
        (await prometheusUp(job))
          ? `Prometheus scrapes ${job}: up{job="${job}"} == 1`
          : `Prometheus does not see ${job} yet (see http://127.0.0.1:9090/targets)`,
      );
    }
  }

  if (demoTrafficEnabled(args, process.env)) {
    demoTraffic = startDemoTraffic({ baseUrl: 'http://127.0.0.1:8080' });
    note(
      'demo traffic: about 4 requests a second to the scoring API (off: --no-demo-traffic or VIGIL_DEMO_TRAFFIC=0)',
    );
  }

  note(
    `everything is up in ${seconds()}. Portal: ${
      builtApp ? backendUrl : 'http://localhost:3000'
    }  (Ctrl-C stops all; logs in .data/logs/)`,
  );
}

// Children run in their own process groups, so whatever ends this process must
// end them too: a closed terminal or pipe (EPIPE), a crash, a plain exit.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', () => stopAll(1));
}
process.on('uncaughtException', error => {
  try {
    console.error(`vigil: ${error.message}`);
  } catch {
    // stderr may be the closed pipe
  }
  stopAll(1);
});
process.on('exit', () => {
  for (const { child } of running) {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

main().catch(error => {
  console.error(`vigil: ${error.message}`);
  stopAll(1);
});
