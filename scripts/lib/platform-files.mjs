// What ./vigil start writes under .data/ before it starts anything: the
// Prometheus rules of every SLO spec in the catalog, and the local platform's
// secrets (scripts/start.mjs).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { parseAllDocuments } from 'yaml';
import rsyslog from './rsyslog.cjs';

/**
 * Generates the Prometheus rules for every catalog entity with SLOs as code
 * (vigil.dev/slo-spec, relative to its catalog file) so the local Prometheus
 * evaluates them. `catalogs`: the catalog files, relative to the root (the
 * sandbox's too with --sandbox). A bad spec is reported and skipped; the
 * rest still start.
 */
export function generateSloRules({
  root,
  dataDir,
  note,
  catalogs = ['catalog-info.yaml'],
}) {
  const rulesDir = path.join(dataDir, 'prometheus-rules');
  fs.rmSync(rulesDir, { recursive: true, force: true });
  fs.mkdirSync(rulesDir, { recursive: true });
  const entities = catalogs.flatMap(catalog =>
    parseAllDocuments(fs.readFileSync(path.join(root, catalog), 'utf8')).map(
      d => ({ entity: d.toJS(), dir: path.dirname(catalog) }),
    ),
  );
  for (const { entity, dir } of entities) {
    const annotation = entity?.metadata?.annotations?.['vigil.dev/slo-spec'];
    if (!annotation) continue;
    const spec = path.join(dir, annotation);
    // The namespace when not the default one: sandbox/checkout's rules do
    // not overwrite those of a real checkout.
    const namespace = entity.metadata.namespace ?? 'default';
    const name = `${entity.kind}-${
      namespace === 'default' ? '' : `${namespace}-`
    }${entity.metadata.name}`.toLowerCase();
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
export const secrets = [
  // Alertmanager presents it to the incidents webhook.
  {
    env: 'VIGIL_ALERTMANAGER_WEBHOOK_TOKEN',
    file: 'alertmanager-webhook-token',
  },
  // The scoring API's /admin endpoints (fault injection) ask for it.
  { env: 'VIGIL_SCORING_ADMIN_TOKEN', file: 'scoring-admin-token' },
  // The sandbox's admin API (packages/sandbox-service): the sandbox plugin's
  // backend presents it. Generated even without --sandbox, so the backend's
  // config always resolves.
  { env: 'VIGIL_SANDBOX_ADMIN_TOKEN', file: 'sandbox-admin-token' },
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
  // --replicas: production's legacy external access token
  // (app-config.production.yaml), the same on every replica.
  { env: 'BACKEND_SECRET', file: 'backend-secret' },
];

export function ensureSecrets(dataDir) {
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

/**
 * What log shipping needs before the services start: the scoring API's JSON
 * log directory, and the logs store's database. Backstage creates a plugin's
 * database through the main database's client, which is SQLite here, so the
 * logs plugin (PostgreSQL, app-config.yaml) has `ensureExists: false` and
 * this creates it. Without PostgreSQL the portal starts and the Logs tab
 * says the store cannot be reached.
 */
export async function prepareLogShipping({ logDir, note }) {
  fs.mkdirSync(logDir, { recursive: true });
  process.env.SCORING_LOG_DIR ??= path.join(logDir, 'json');
  const target = new URL(rsyslog.logsDatabaseConninfo());
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    const { rowCount } = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [database],
    );
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    }
  } catch (error) {
    note(
      `the logs store's PostgreSQL (${admin.host}) cannot be reached (${error.message}): the portal starts without searchable logs`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
