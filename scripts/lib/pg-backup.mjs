// Shared parts of `./vigil backup` and `./vigil restore` (scripts/db-backup.mjs,
// scripts/db-restore.mjs): the connection, the PostgreSQL client tools, the
// manifest and its checksums. Node's built-ins and Debian's postgresql-client
// only, so a cron job needs no `yarn install` (yaml, to read the configured
// prefix, is used when node_modules has it).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

let parseAllDocuments;
try {
  ({ parseAllDocuments } = await import('yaml'));
} catch {
  // Without node_modules the prefix comes from --prefix or the default.
}

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 'vigil-backup/1';
/** Backstage's default `backend.database.prefix`. */
export const DEFAULT_PREFIX = 'backstage_plugin_';

export class BackupError extends Error {}

/**
 * The connection of app-config.production.yaml (POSTGRES_HOST, _PORT, _USER,
 * _PASSWORD) as libpq's variables for psql, pg_dump and pg_restore. Other
 * PG* variables (PGSSLMODE, PGSSLROOTCERT, ...) pass through untouched.
 */
export function connectionFromEnv(env = process.env) {
  const host = env.POSTGRES_HOST || '127.0.0.1';
  const port = env.POSTGRES_PORT || '5432';
  const user = env.POSTGRES_USER || 'postgres';
  const pgEnv = { ...env, PGHOST: host, PGPORT: port, PGUSER: user };
  if (env.POSTGRES_PASSWORD) pgEnv.PGPASSWORD = env.POSTGRES_PASSWORD;
  // Where psql connects to list and create databases; Backstage itself
  // creates the plugins' databases from there too.
  pgEnv.PGDATABASE = env.POSTGRES_MAINTENANCE_DB || 'postgres';
  return { host, port, user, env: pgEnv, label: `${user}@${host}:${port}` };
}

/**
 * `backend.database.prefix` when app-config.production.yaml sets it to a
 * literal, else Backstage's default. `--prefix` overrides it (an operator's
 * own config overlay, or `${...}` substitution, is not read here).
 */
export function configuredPrefix(root) {
  if (!parseAllDocuments) return DEFAULT_PREFIX;
  try {
    const text = fs.readFileSync(
      path.join(root, 'app-config.production.yaml'),
      'utf8',
    );
    const config = parseAllDocuments(text)[0]?.toJS() ?? {};
    const prefix = config?.backend?.database?.prefix;
    if (typeof prefix === 'string' && prefix && !prefix.includes('${')) {
      return prefix;
    }
  } catch {
    // No readable production config: Backstage's default applies.
  }
  return DEFAULT_PREFIX;
}

/** Throws unless the PostgreSQL client tool is installed. */
export function requireTool(tool) {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new BackupError(
      `${tool} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client-15; ` +
        `the client's major version must be at least the server's)`,
    );
  }
  return probe.stdout.trim();
}

/** Runs a PostgreSQL client tool; throws with its own last words on failure. */
export function runTool(tool, args, connection, options = {}) {
  const result = spawnSync(tool, args, {
    env: connection.env,
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new BackupError(`${tool} could not run: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const said = (result.stderr || result.stdout || '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    throw new BackupError(
      `${options.what ?? tool} failed (exit ${result.status}): ${said}`,
    );
  }
  return result.stdout;
}

/**
 * Runs SQL through psql's stdin, so `:'name'` (a literal) and `:"name"` (an
 * identifier) are quoted by psql from `vars`, never pasted into the SQL.
 * Returns the rows as arrays of fields. Connects to `options.database`, else
 * the maintenance database.
 */
export function psql(connection, sql, vars = {}, options = {}) {
  const args = ['-X', '-q', '-w', '-tA', '-F', '\t', '-v', 'ON_ERROR_STOP=1'];
  if (options.database) args.push('-d', options.database);
  for (const [name, value] of Object.entries(vars)) {
    args.push('-v', `${name}=${value}`);
  }
  const out = runTool('psql', args, connection, {
    input: sql,
    what: options.what ?? 'psql',
  });
  return out
    .split('\n')
    .filter(line => line !== '')
    .map(line => line.split('\t'));
}

/** The databases whose names start with `prefix`, with their sizes. */
export function listDatabases(connection, prefix) {
  return psql(
    connection,
    `select datname, pg_database_size(datname) from pg_database
      where not datistemplate and starts_with(datname, :'prefix')
      order by datname;`,
    { prefix },
    { what: `listing the databases on ${connection.label}` },
  ).map(([name, size]) => ({ name, sizeBytes: Number(size) }));
}

export function serverVersion(connection) {
  return psql(connection, 'show server_version;')[0]?.[0] ?? 'unknown';
}

export function sha256File(file) {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

// A plugin id as Backstage names databases after it; also keeps a tampered
// manifest from pointing a restore at another file or database.
const PLUGIN_ID = /^[a-z0-9][a-z0-9_-]*$/i;

/**
 * Reads a backup's manifest and checks every dump against it (present, same
 * size, same sha256) before anything is restored. Throws a BackupError naming
 * the first problem.
 */
export function readAndVerifyManifest(dir) {
  const file = path.join(dir, MANIFEST);
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BackupError(
      `${file} is missing or not JSON (${error.message}): not a complete backup ` +
        `(an interrupted backup stays in a *.partial directory)`,
    );
  }
  if (manifest?.format !== MANIFEST_FORMAT) {
    throw new BackupError(
      `${file}: unknown format ${JSON.stringify(
        manifest?.format,
      )}, expected ${MANIFEST_FORMAT}`,
    );
  }
  if (!Array.isArray(manifest.databases) || !manifest.databases.length) {
    throw new BackupError(`${file} lists no databases`);
  }
  for (const db of manifest.databases) {
    if (
      !PLUGIN_ID.test(String(db.plugin)) ||
      db.file !== `${db.plugin}.dump` ||
      db.name !== `${manifest.prefix}${db.plugin}`
    ) {
      throw new BackupError(
        `${file}: malformed entry ${JSON.stringify(db.name)}`,
      );
    }
    const dump = path.join(dir, db.file);
    if (!fs.existsSync(dump)) {
      throw new BackupError(`${dump} is missing`);
    }
    const size = fs.statSync(dump).size;
    if (size !== db.bytes) {
      throw new BackupError(
        `${dump} has ${size} bytes, the manifest says ${db.bytes}: the backup is damaged`,
      );
    }
    if (sha256File(dump) !== db.sha256) {
      throw new BackupError(
        `${dump} does not match its sha256 in the manifest: the backup is damaged`,
      );
    }
  }
  return manifest;
}

/** Parses `--name value`, `--name=value` and `--flag`; the rest are positionals. */
export function parseArgs(argv, { values = [], flags = [] }) {
  const options = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      options._.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name) && inline === undefined) {
      options[name] = true;
    } else if (values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') {
        throw new BackupError(`--${name} needs a value`);
      }
      options[name] = value;
    } else {
      throw new BackupError(`unknown option ${arg}`);
    }
  }
  return options;
}

export const formatBytes = bytes => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
};
