// The processes `./vigil start` runs, as data for the Supervisor
// (scripts/lib/supervisor.mjs): a launcher can add services (replicas of the
// backend, a proxy in front of them) without touching how they are run.
import { createRequire } from 'node:module';
import path from 'node:path';

// The addresses Prometheus and Alertmanager put in the links they send (an
// alert's generatorURL): the ones the portal reaches them at (app-config's
// vigil.prometheus.url), not this machine's host name.
export const prometheusUrl = 'http://127.0.0.1:9090';
export const alertmanagerUrl = 'http://127.0.0.1:9093';
export const backendUrl = 'http://localhost:7007';

/**
 * The backend's node process itself, as `backstage-cli package start` runs
 * it (@backstage/cli-module-build's runner/runBackend) but without the CLI
 * and yarn around it: the supervisor then sees the backend die (a SIGKILL of
 * the real process used to leave the wrappers running and the portal down),
 * and without the CLI's file watcher. `env` is added to the process's.
 */
export function backendCommand(root, { requires = [], args = [], env } = {}) {
  const backendDir = path.join(root, 'packages/backend');
  const require = createRequire(path.join(backendDir, 'package.json'));
  return {
    command: process.execPath,
    args: [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      '--require',
      './src/instrumentation.js',
      ...requires.flatMap(file => ['--require', file]),
      'src/index.ts',
      ...args,
    ],
    cwd: backendDir,
    env: {
      // As the CLI runs it: development unless told otherwise.
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      ...env,
    },
  };
}

/**
 * The platform's services, in start order (they start at once; each is
 * waited for on its ready URL).
 *   builtApp   the backend serves packages/app/dist (no dev server)
 *   hasBinary  (name) => boolean; services whose binary is missing are
 *              returned with `missing: true` (the launcher says so)
 *   afterHaproxyReady  () => Promise<boolean> (`vigil-deploy up`)
 *   oidcRedirectUris   the local OpenID Provider's redirect URIs for the
 *              portal (default: its own, the portal on localhost:7007)
 */
export function platformServices({
  root,
  dataDir,
  builtApp,
  env = process.env,
  hasBinary,
  afterHaproxyReady,
  oidcRedirectUris = [],
}) {
  const haproxy = hasBinary('haproxy');
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
          env.VIGIL_PROMETHEUS_DATA_DIR ?? path.join(dataDir, 'prometheus')
        }`,
        '--storage.tsdb.retention.time=35d',
        '--web.listen-address=127.0.0.1:9090',
        `--web.external-url=${prometheusUrl}`,
        // No --web.enable-lifecycle: nothing here reloads or quits Prometheus
        // over HTTP (it reloads its rules on SIGHUP). The admin API (delete
        // series, snapshots) only when asked for: VIGIL_PROMETHEUS_ADMIN_API=1.
        ...(env.VIGIL_PROMETHEUS_ADMIN_API === '1'
          ? ['--web.enable-admin-api']
          : []),
      ],
      ports: [9090],
      ready: 'http://127.0.0.1:9090/-/ready',
      // Replaying its write-ahead log after a crash can take a while and it
      // answers /-/healthy meanwhile.
      live: 'http://127.0.0.1:9090/-/healthy',
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
          env.VIGIL_ALERTMANAGER_DATA_DIR ?? path.join(dataDir, 'alertmanager')
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
        `--dir=${env.VIGIL_MAIL_DIR ?? path.join(dataDir, 'mail')}`,
      ],
      ports: [1025, 8025],
      ready: 'http://127.0.0.1:8025/healthz',
    },
    {
      // The local OpenID Provider the portal signs in through (demo users of
      // catalog-info.yaml, password in .data/oidc-demo-password); it starts
      // before the backend, which reads its discovery document.
      name: 'oidc',
      command: process.execPath,
      args: [
        'packages/local-oidc/bin/vigil-local-oidc',
        // The provider only sends a browser back to a registered URI: the
        // portal's base URL's OIDC handler (as scripts/smoke-production.sh).
        ...oidcRedirectUris.flatMap(uri => ['--redirect-uri', uri]),
      ],
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
      afterReady: afterHaproxyReady,
    },
    {
      // Without HAProxy the scoring API runs alone on 8080, as before
      // blue-green: no deploys or rollbacks then. (Yarn around it is fine:
      // it exits when the service does.)
      name: 'scoring-api',
      command: 'yarn',
      args: ['workspace', '@vigil/scoring-api', 'start'],
      ports: [8080],
      ready: 'http://127.0.0.1:8080/readyz',
      skip: haproxy,
    },
    {
      name: 'backend',
      ...backendCommand(root, {
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
          // JSON log file for the log shipper (the rsyslog service); one
          // per listen port, so replicas do not share a file.
          APP_CONFIG_vigil_logging_file_path: path.join(
            dataDir,
            'logs/json/vigil-backend-{port}.json',
          ),
          // With --built-app the backend's app plugin serves
          // packages/app/dist, so the app's base URL is the backend's.
          ...(builtApp ? { APP_CONFIG_app_baseUrl: backendUrl } : {}),
        },
      }),
      ports: [7007, 9464],
      ready: 'http://127.0.0.1:7007/.backstage/health/v1/readiness',
      // Any answer of liveness shows it is not hung (readiness is 503 while
      // the database is down, which a restart would not cure).
      live: 'http://127.0.0.1:7007/.backstage/health/v1/liveness',
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
            options: { token: env.VIGIL_DEPLOY_TOKEN, subject: 'vigil-deploy' },
            accessRestrictions: [{ plugin: 'deployments' }],
          },
          {
            type: 'static',
            options: {
              token: env.VIGIL_LAUNCH_GATES_TOKEN,
              subject: 'vigil-gates',
            },
            accessRestrictions: [{ plugin: 'launch-gates' }],
          },
        ]),
      }),
      // The backend logs these and keeps running without ever becoming ready.
      fatal:
        /Unhandled rejection|Backend failed to start|Failed to start plugin/i,
    },
    {
      // The log shipper: rsyslog follows the JSON log files of the scoring
      // API and the backend (.data/logs/json/) into the logs store
      // (ops/rsyslog/vigil.conf). Its runner renders the config, waits for
      // the store's table and answers the probes (rsyslogd has no HTTP).
      name: 'rsyslog',
      binary: 'rsyslogd',
      install: 'apt-get install rsyslog rsyslog-pgsql',
      command: process.execPath,
      args: ['scripts/lib/rsyslog-runner.mjs', '--port', '8514'],
      env: { VIGIL_DATA_DIR: dataDir },
      ports: [8514],
      ready: 'http://127.0.0.1:8514/healthz',
    },
    {
      // The dev server (webpack) runs inside backstage-cli under yarn; both
      // exit when it dies, so the supervisor sees that.
      name: 'app',
      command: 'yarn',
      args: ['workspace', 'app', 'start'],
      ports: [3000],
      ready: 'http://localhost:3000/',
      env: { BROWSER: 'none' },
      skip: builtApp,
    },
  ];
  return services
    .filter(service => !service.skip)
    .map(service =>
      service.binary && !hasBinary(service.binary)
        ? { ...service, missing: true }
        : service,
    );
}

/**
 * Waits (up to a minute) until Prometheus scrapes every target of `job`
 * (`up{job="<job>"} == 1`); false when it does not by then.
 */
export async function prometheusScrapes(job) {
  const query = encodeURIComponent(`up{job="${job}"}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${prometheusUrl}/api/v1/query?query=${query}`);
      const results = (await res.json()).data?.result ?? [];
      if (results.length > 0 && results.every(r => r.value?.[1] === '1')) {
        return true;
      }
    } catch {
      // Prometheus not answering yet
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  return false;
}
