// ./vigil backup [--out DIR] [--prefix P] [--keep N]
//
// Dumps every database of the portal (Backstage keeps one per plugin,
// `<prefix><pluginId>`) with `pg_dump -Fc` into DIR/vigil-<UTC time>/, one
// `<pluginId>.dump` each, plus manifest.json (databases, sizes, sha256,
// pg_dump and server versions, time). The backup is written to a
// `.partial` directory and renamed when complete, so a crash or a full disk
// never leaves something that looks like a backup. README: Backup and restore.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BackupError,
  MANIFEST,
  MANIFEST_FORMAT,
  configuredPrefix,
  connectionFromEnv,
  formatBytes,
  listDatabases,
  parseArgs,
  requireTool,
  runTool,
  serverVersion,
  sha256File,
} from './lib/pg-backup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE =
  'usage: ./vigil backup [--out DIR] [--prefix P] [--keep N]\n' +
  '  --out DIR   where backups go, each in its own vigil-<time>/ (default .data/backups)\n' +
  "  --prefix P  the databases' prefix (default backend.database.prefix, else backstage_plugin_)\n" +
  '  --keep N    afterwards delete all but the N newest backups in DIR';

/** `2026-11-01T10-00-00Z`: sorts by time and is a valid file name anywhere. */
const stamp = date =>
  date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');

/** Deletes all but the `keep` newest complete backups under `out`. */
function prune(out, keep) {
  const backups = fs
    .readdirSync(out)
    .filter(
      name =>
        /^vigil-[0-9TZ-]+$/.test(name) &&
        fs.existsSync(path.join(out, name, MANIFEST)),
    )
    .sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of old) {
    fs.rmSync(path.join(out, name), { recursive: true, force: true });
  }
  return old;
}

export function backup(argv, env = process.env) {
  const options = parseArgs(argv, { values: ['out', 'prefix', 'keep'] });
  if (options._.length) throw new BackupError(`unexpected ${options._[0]}`);
  const keep = options.keep === undefined ? undefined : Number(options.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1)) {
    throw new BackupError('--keep needs a whole number of at least 1');
  }
  const prefix = options.prefix ?? configuredPrefix(root);
  const out = path.resolve(options.out ?? path.join(root, '.data', 'backups'));
  const connection = connectionFromEnv(env);
  const pgDump = requireTool('pg_dump');
  requireTool('psql');

  const started = new Date();
  const databases = listDatabases(connection, prefix);
  if (!databases.length) {
    throw new BackupError(
      `no database on ${connection.label} starts with "${prefix}": is that the backend's ` +
        'backend.database.prefix (--prefix), and the POSTGRES_* variables its connection?',
    );
  }
  const dir = path.join(out, `vigil-${stamp(started)}`);
  const partial = `${dir}.partial`;
  if (fs.existsSync(dir)) throw new BackupError(`${dir} exists already`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });

  console.log(
    `vigil backup: ${databases.length} databases "${prefix}*" on ${connection.label} -> ${dir}`,
  );
  const entries = [];
  try {
    for (const db of databases) {
      const plugin = db.name.slice(prefix.length);
      const file = `${plugin}.dump`;
      const target = path.join(partial, file);
      const t0 = Date.now();
      // -Fc: compressed, and pg_restore can restore it selectively and in
      // any order. Each database is one consistent snapshot.
      runTool(
        'pg_dump',
        ['-Fc', '--no-password', '-d', db.name, '-f', target],
        connection,
        { what: `pg_dump of ${db.name}` },
      );
      fs.chmodSync(target, 0o600);
      const bytes = fs.statSync(target).size;
      entries.push({
        name: db.name,
        plugin,
        file,
        bytes,
        sha256: sha256File(target),
        databaseSizeBytes: db.sizeBytes,
        dumpedAt: new Date().toISOString(),
      });
      console.log(
        `  ${db.name}: ${formatBytes(bytes)} (database ${formatBytes(
          db.sizeBytes,
        )}) in ${Date.now() - t0} ms`,
      );
    }
    const manifest = {
      format: MANIFEST_FORMAT,
      createdAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      prefix,
      server: {
        host: connection.host,
        port: Number(connection.port),
        user: connection.user,
        version: serverVersion(connection),
      },
      pgDump,
      databases: entries,
    };
    fs.writeFileSync(
      path.join(partial, MANIFEST),
      `${JSON.stringify(manifest, null, 2)}\n`,
      { mode: 0o600 },
    );
    fs.renameSync(partial, dir);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  const total = entries.reduce((sum, e) => sum + e.bytes, 0);
  console.log(
    `vigil backup: done in ${((Date.now() - started.getTime()) / 1000).toFixed(
      1,
    )} s, ${formatBytes(total)}; restore with: ./vigil restore ${dir}`,
  );
  if (keep !== undefined) {
    const removed = prune(out, keep);
    if (removed.length) {
      console.log(
        `vigil backup: kept the ${keep} newest, deleted ${removed.join(', ')}`,
      );
    }
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--help') || process.argv.includes('-h')) {
      console.log(USAGE);
    } else {
      backup(process.argv.slice(2));
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`vigil backup: ${error.message}`);
    if (/unknown option|unexpected|needs/.test(error.message)) {
      console.error(USAGE);
    }
    process.exit(1);
  }
}
