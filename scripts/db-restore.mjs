// ./vigil restore <DIR> [--prefix P] [--force] [--check]
//
// Restores a backup of scripts/db-backup.mjs: checks every dump against the
// manifest's size and sha256 first (nothing is touched when one differs),
// then creates each database `<prefix><pluginId>` fresh and runs pg_restore
// into it in one transaction. Databases that exist already are refused
// unless --force, which drops them first (stop the backend before: a
// database with open connections is not dropped). README: Backup and restore.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BackupError,
  connectionFromEnv,
  listDatabases,
  parseArgs,
  psql,
  readAndVerifyManifest,
  requireTool,
  runTool,
} from './lib/pg-backup.mjs';

const USAGE =
  'usage: ./vigil restore <DIR> [--prefix P] [--force] [--check]\n' +
  '  DIR         a backup of ./vigil backup (the vigil-<time>/ directory)\n' +
  "  --prefix P  restore into <P><pluginId> (default: the backup's own prefix)\n" +
  '  --force     drop databases that exist already and restore over them\n' +
  '  --check     only verify the checksums and that pg_restore can read every dump';

const tableCount = (connection, database) =>
  Number(
    psql(
      connection,
      `select count(*) from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema');`,
      {},
      { database, what: `counting the tables of ${database}` },
    )[0][0],
  );

function connectionsTo(connection, database) {
  return Number(
    psql(
      connection,
      "select count(*) from pg_stat_activity where datname = :'name';",
      { name: database },
    )[0][0],
  );
}

export function restore(argv, env = process.env) {
  const options = parseArgs(argv, {
    values: ['prefix'],
    flags: ['force', 'check'],
  });
  if (options._.length !== 1) {
    throw new BackupError('name the backup directory to restore');
  }
  const dir = path.resolve(options._[0]);
  const t0 = Date.now();
  const manifest = readAndVerifyManifest(dir);
  console.log(
    `vigil restore: ${dir}: ${manifest.databases.length} dumps of "${manifest.prefix}*" from ${manifest.createdAt}, checksums match`,
  );
  requireTool('pg_restore');
  if (options.check) {
    for (const db of manifest.databases) {
      const list = runTool(
        'pg_restore',
        ['--list', path.join(dir, db.file)],
        { env },
        { what: `pg_restore --list of ${db.file}` },
      );
      const entries = list.split('\n').filter(l => /^\d+;/.test(l)).length;
      console.log(`  ${db.file}: readable, ${entries} entries`);
    }
    return [];
  }
  requireTool('psql');
  const connection = connectionFromEnv(env);
  const prefix = options.prefix ?? manifest.prefix;
  const targets = manifest.databases.map(db => ({
    ...db,
    target: `${prefix}${db.plugin}`,
  }));

  // Decide everything before touching anything: which exist, and (with
  // --force) that nobody is connected to those about to be dropped.
  const existing = new Set(
    listDatabases(connection, prefix).map(db => db.name),
  );
  const clashes = targets.filter(t => existing.has(t.target));
  if (clashes.length && !options.force) {
    throw new BackupError(
      `these databases exist already on ${connection.label}: ${clashes
        .map(t => t.target)
        .join(', ')}. Restore into fresh ones with --prefix <other prefix>, ` +
        'or stop the backend and replace them with --force',
    );
  }
  const busy = clashes
    .map(t => [t.target, connectionsTo(connection, t.target)])
    .filter(([, n]) => n > 0);
  if (busy.length) {
    throw new BackupError(
      `still in use: ${busy
        .map(([name, n]) => `${name} (${n} connections)`)
        .join(', ')}; stop every backend replica first`,
    );
  }

  console.log(
    `vigil restore: into ${targets.length} databases "${prefix}*" on ${
      connection.label
    }${clashes.length ? ` (replacing ${clashes.length})` : ''}`,
  );
  const restored = [];
  for (const db of targets) {
    const started = Date.now();
    if (existing.has(db.target)) {
      psql(
        connection,
        'drop database :"name";',
        { name: db.target },
        {
          what: `dropping ${db.target}`,
        },
      );
    }
    psql(
      connection,
      'create database :"name";',
      { name: db.target },
      {
        what: `creating ${db.target}`,
      },
    );
    try {
      // One transaction: a dump that does not restore leaves an empty
      // database, which is dropped again below. --no-owner: the objects
      // belong to the restoring user, who need not be the one who dumped.
      runTool(
        'pg_restore',
        [
          '--no-password',
          '--no-owner',
          '--exit-on-error',
          '--single-transaction',
          '-d',
          db.target,
          path.join(dir, db.file),
        ],
        connection,
        { what: `pg_restore of ${db.file} into ${db.target}` },
      );
    } catch (error) {
      psql(connection, 'drop database if exists :"name";', {
        name: db.target,
      });
      const done = restored.length
        ? ` (restored before it: ${restored.join(', ')})`
        : '';
      throw new BackupError(`${error.message}${done}`);
    }
    restored.push(db.target);
    console.log(
      `  ${db.target} <- ${db.file}: ${tableCount(
        connection,
        db.target,
      )} tables in ${Date.now() - started} ms`,
    );
  }
  console.log(
    `vigil restore: done in ${((Date.now() - t0) / 1000).toFixed(
      1,
    )} s; start the backend with backend.database.prefix: ${prefix}`,
  );
  return restored;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--help') || process.argv.includes('-h')) {
      console.log(USAGE);
    } else {
      restore(process.argv.slice(2));
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(`vigil restore: ${error.message}`);
    if (/unknown option|name the backup|needs/.test(error.message)) {
      console.error(USAGE);
    }
    process.exit(1);
  }
}
