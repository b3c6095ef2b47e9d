// Starts the whole local platform (services: scripts/lib/services.mjs) and
// keeps it running until Ctrl-C; logs in .data/logs/<name>.log. A service that
// exits unexpectedly is restarted with backoff, after repeated crashes
// everything stops (scripts/lib/supervisor.mjs); one launcher at a time.
//   --built-app        serve the production build of the app from the backend
//                      (http://localhost:7007) instead of the dev server
//   --no-demo-traffic  no synthetic load (also VIGIL_DEMO_TRAFFIC=0)
//   --replicas N       N (1 or 2) backend replicas as production runs them
//                      (app-config.production.yaml, PostgreSQL, Redis) behind
//                      HAProxy on http://localhost:7007; implies --built-app
//                      (scripts/lib/replicas.mjs, README "Two replicas")
//   --sandbox          synthetic services to practise on (also VIGIL_SANDBOX=1)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkConfigFiles,
  ConfigFileError,
  prometheusConfigProblem,
} from './lib/config-files.mjs';
import { demoTrafficEnabled, startDemoTraffic } from './lib/demo-traffic.mjs';
import {
  ensureSecrets,
  generateSloRules,
  prepareLogShipping,
} from './lib/platform-files.mjs';
import { portInUse, portOwners, portTakenMessage } from './lib/port-owner.mjs';
import {
  haproxyServerStates,
  replicaLayout,
  replicaServices,
  unreachableDependencies,
  writePrometheusTargets,
} from './lib/replicas.mjs';
import {
  alertmanagerUrl,
  backendUrl,
  platformServices,
  prometheusScrapes,
  prometheusUrl,
} from './lib/services.mjs';
import { prepareSandbox } from './lib/sandbox.mjs';
import { acquireStartLock, alreadyRunningMessage } from './lib/start-lock.mjs';
import { explain, Supervisor } from './lib/supervisor.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, '.data');
const logDir = path.join(dataDir, 'logs');
const startedAt = Date.now();
const readyTimeoutMs = Number(process.env.VIGIL_START_TIMEOUT_MS ?? 600_000);
const args = process.argv.slice(2);
const usage = problem => {
  console.error(
    `vigil: ${problem}; ./vigil start [--built-app] [--no-demo-traffic] [--replicas 1|2] [--sandbox]`,
  );
  process.exit(2);
};
let replicas;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--replicas' || arg.startsWith('--replicas=')) {
    const value = arg === '--replicas' ? args[++i] : arg.slice(11);
    if (!/^[12]$/.test(value ?? '')) {
      usage(`--replicas takes 1 or 2, not ${value ?? 'nothing'}`);
    }
    replicas = Number(value);
  } else if (!['--built-app', '--no-demo-traffic', '--sandbox'].includes(arg)) {
    usage(`unknown option ${arg}`);
  }
}
// Replicas run as production does: the backend serves the built app.
const builtApp = args.includes('--built-app') || replicas !== undefined;
// Where the backend(s) listen; without --replicas one backend on 7007 and
// its metrics on 9464, as replica a's (Prometheus's static target).
const layout = replicaLayout({ count: replicas ?? 1 });
const portal = builtApp ? backendUrl : 'http://localhost:3000';

const fail = message => {
  console.error(`vigil: ${message}`);
  process.exit(1);
};
const note = message => console.log(`vigil: ${message}`);
const seconds = () => `${Math.round((Date.now() - startedAt) / 1000)}s`;
const hasBinary = name =>
  spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status ===
  0;

// Before anything else (the checks and builds below take seconds): a second
// launcher would find every port taken and say so less clearly.
const lock = acquireStartLock(path.join(dataDir, 'vigil-start.pid'), {
  portal,
});
if (lock.holder) fail(alreadyRunningMessage(lock.holder));
process.on('exit', () => lock.release());

const supervisor = new Supervisor({
  cwd: root,
  logDir,
  policy: { readyTimeoutMs },
});

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
  supervisor.stop(code);
}

// A give-up (or a service that failed to start) stops the supervisor by
// itself; whatever stops it, this process ends with its code.
supervisor.on('stopping', code => stopAll(code));
supervisor.done.then(code => process.exit(code));

/**
 * What the replicas share besides the backend's own environment: the
 * variables app-config.production.yaml reads (smoke-production.sh sets the
 * same), with this machine's PostgreSQL and Redis unless told otherwise.
 */
function replicaEnv() {
  const env = process.env;
  return {
    VIGIL_BASE_URL: backendUrl,
    POSTGRES_HOST: env.POSTGRES_HOST ?? '127.0.0.1',
    POSTGRES_PORT: env.POSTGRES_PORT ?? '5432',
    POSTGRES_USER: env.POSTGRES_USER ?? 'postgres',
    // Unset: no password (trust, or PGPASSWORD / ~/.pgpass).
    ...(env.POSTGRES_PASSWORD === undefined
      ? {}
      : { POSTGRES_PASSWORD: env.POSTGRES_PASSWORD }),
    REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Where scripts/build-techdocs.cjs publishes (app-config.yaml's default).
    VIGIL_TECHDOCS_DIR: path.join(dataDir, 'techdocs'),
    VIGIL_PROMETHEUS_URL: prometheusUrl,
    VIGIL_ALERTMANAGER_URL: alertmanagerUrl,
    // HAProxy runs on this host (option forwardfor).
    VIGIL_TRUSTED_PROXIES: 'loopback',
    VIGIL_OIDC_CLIENT_ID: 'vigil-portal',
    VIGIL_OIDC_METADATA_URL:
      'http://127.0.0.1:7010/.well-known/openid-configuration',
    // Databases of their own: the single backend's stay as they are.
    APP_CONFIG_backend_database_prefix:
      env.VIGIL_REPLICAS_DB_PREFIX ?? 'vigil_replicas_',
  };
}

/**
 * Replaces the single backend with `replicas` backend replicas plus HAProxy
 * in front (the backend's service definition gives what they share).
 */
function withReplicas(services) {
  const at = services.findIndex(s => s.name === 'backend');
  const backend = services[at];
  const replicaDefs = replicaServices({
    root,
    layout,
    configArgs: [
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.production.yaml',
    ],
    env: { ...backend.env, ...replicaEnv() },
    // The backend's static tokens replace production's externalAccess list
    // (APP_CONFIG_ arrays replace), so production's legacy entry goes back in.
    secretEnv: () => {
      const shared = backend.secretEnv();
      return {
        ...shared,
        APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
          {
            type: 'legacy',
            options: {
              secret: process.env.BACKEND_SECRET,
              subject: 'legacy-default-config',
            },
          },
          ...JSON.parse(shared.APP_CONFIG_backend_auth_externalAccess),
        ]),
      };
    },
  });
  return [
    ...services.slice(0, at),
    ...replicaDefs.map(service =>
      service.binary && !hasBinary(service.binary)
        ? { ...service, missing: true }
        : service,
    ),
    ...services.slice(at + 1),
  ];
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

  if (replicas) {
    const problems = await unreachableDependencies(root, replicaEnv());
    if (problems.length > 0) fail(problems.join('\nvigil: '));
  }

  const wanted = [];
  // Before platformServices: it sets what they read from the environment.
  const sandbox = prepareSandbox({ root, dataDir, argv: args });
  const services = platformServices({
    root,
    dataDir,
    builtApp,
    hasBinary,
    // Production's OIDC handler at its base URL (VIGIL_BASE_URL), as
    // scripts/smoke-production.sh registers it; otherwise the provider's own
    // defaults (the portal on localhost:7007 and 127.0.0.1:7007).
    oidcRedirectUris: replicas
      ? [`${replicaEnv().VIGIL_BASE_URL}/api/auth/oidc/handler/frame`]
      : [],
    afterHaproxyReady: async () => {
      if (!(await deployCli('up'))) return false;
      note(
        `scoring API live behind HAProxy at http://127.0.0.1:8080 (blue; yarn vigil-deploy status) (${seconds()})`,
      );
      return true;
    },
  });
  for (const service of [
    ...(replicas ? withReplicas(services) : services),
    ...sandbox.services,
  ]) {
    if (service.missing) {
      // The replicas cannot be reached without it.
      if (replicas && service.name === 'haproxy-portal') {
        fail(
          `--replicas needs HAProxy in front of the replicas: install it with '${service.install}'`,
        );
      }
      note(
        `${service.binary} is not installed, so the portal starts without it (install it with '${service.install}' and run ./vigil start again)`,
      );
      continue;
    }
    wanted.push(service);
  }

  const taken = [];
  for (const service of wanted) {
    for (const port of service.ports) {
      if (await portInUse(port)) {
        taken.push(
          portTakenMessage(port, service.name, portOwners(port), root),
        );
      }
    }
  }
  if (taken.length > 0) fail(taken.join('\nvigil: '));

  await prepareLogShipping({ logDir, note });
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

  // The vigil-backend job's file_sd targets (ops/prometheus/prometheus.yml):
  // the replicas beyond the first, none without --replicas (which also
  // clears those of an earlier --replicas 2).
  writePrometheusTargets(root, layout);
  generateSloRules({ root, dataDir, note, catalogs: sandbox.catalogs });
  ensureSecrets(dataDir);

  if (hasBinary('promtool') && wanted.some(s => s.name === 'prometheus')) {
    const problem = prometheusConfigProblem(root);
    if (problem) fail(problem);
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

  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGHUP', () => stopAll(0));

  // Everything starts at once, except a service with startAfterReady: it
  // waits for that one (a second replica for the first, which migrates the
  // fresh databases: two at once fail on knex's migration lock).
  const readyOf = new Map();
  for (const service of wanted) {
    readyOf.set(
      service.name,
      (async () => {
        const after = service.startAfterReady;
        if (after && !(await readyOf.get(after))) return false;
        if (stopping) return false;
        const ready = await supervisor.start(service);
        if (ready) {
          note(
            `${service.name} ready at ${
              new URL(service.ready).origin
            } (PID ${supervisor.pid(service.name)}) (${seconds()})`,
          );
        }
        return ready;
      })(),
    );
  }
  const started = await Promise.all(readyOf.values());
  if (stopping || started.includes(false)) return;

  if (wanted.some(service => service.name === 'prometheus')) {
    for (const job of ['scoring-api', 'vigil-backend', ...sandbox.jobs]) {
      note(
        (await prometheusScrapes(job))
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

  if (replicas) {
    // A replica is ready before HAProxy sends it requests (two good checks,
    // about 2 s): "everything is up" means reachable through HAProxy, a
    // pinned browser included.
    const deadline = Date.now() + 30_000;
    let states = {};
    while (Date.now() < deadline && !stopping) {
      states = await haproxyServerStates(layout.stats).catch(() => ({}));
      if (layout.replicas.every(r => states[r.name] === 'UP')) break;
      await new Promise(r => setTimeout(r, 500));
    }
    if (stopping) return;
    const notUp = layout.replicas.filter(r => states[r.name] !== 'UP');
    if (notUp.length > 0) {
      note(
        `HAProxy does not route to ${notUp
          .map(r => `replica ${r.name} (${states[r.name] ?? 'unknown'})`)
          .join(', ')} yet (see ${layout.stats}/stats)`,
      );
    }
    note(
      `${replicas} replica(s) behind HAProxy: ${layout.replicas
        .map(r => `${r.name} ${r.url}`)
        .join(', ')}; stats ${
        layout.stats
      }/stats; pin a browser with the cookie vigil-replica=${
        layout.replicas[0].name
      }`,
    );
  }
  if (sandbox.enabled) note(sandbox.summary(portal));
  note(
    `everything is up in ${seconds()}. Portal: ${portal}  (Ctrl-C stops all; a service that exits is restarted; logs in .data/logs/)`,
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
process.on('exit', () => supervisor.killAll());

main().catch(error => {
  console.error(`vigil: ${error.message}`);
  stopAll(1);
});
