// The files are the backup the test writes into its own temporary directory.
/* eslint-disable security/detect-non-literal-fs-filename */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import {
  ALICE,
  actionItem,
  alertRows,
  at,
  postmortem,
  storedIncident,
} from '../__testUtils__/store';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from './DatabaseIncidentStore';
import { appendEvents } from './operations/timeline/appendEvents';

/**
 * `./vigil backup` and `./vigil restore` (scripts/db-backup.mjs,
 * scripts/db-restore.mjs) against the real PostgreSQL: incidents and
 * postmortems written through the store under one database prefix come
 * back, equal, from fresh databases under another; the restore refuses to
 * overwrite and refuses a damaged dump. PostgreSQL only: that is what
 * production backs up (SQLite files are copied).
 */
const connectionString =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const scripts = path.resolve(__dirname, '../../../../scripts');

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips this.
const describeOnPostgres =
  connectionString || process.env.VIGIL_REQUIRE_POSTGRES
    ? describe
    : describe.skip;

describeOnPostgres('backup and restore on POSTGRES_15', () => {
  const url = new URL(connectionString ?? 'postgresql://localhost');
  // The scripts read the connection as app-config.production.yaml does.
  const env = {
    ...process.env,
    POSTGRES_HOST: url.hostname,
    POSTGRES_PORT: url.port || '5432',
    POSTGRES_USER: decodeURIComponent(url.username) || 'postgres',
    POSTGRES_PASSWORD: decodeURIComponent(url.password),
  };
  const run = `vigil_bt_${crypto.randomBytes(4).toString('hex')}`;
  const source = `${run}_src_`;
  const target = `${run}_dst_`;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-backup-test-'));
  const connect = (database: string) =>
    knexFactory({
      client: 'pg',
      connection: {
        host: env.POSTGRES_HOST,
        port: Number(env.POSTGRES_PORT),
        user: env.POSTGRES_USER,
        password: env.POSTGRES_PASSWORD,
        database,
      },
      pool: { min: 0, max: 2 },
    });
  const admin = connect('postgres');
  const opened: Knex[] = [];
  const open = (database: string) => {
    const knex = connect(database);
    opened.push(knex);
    return knex;
  };

  const script = (name: string, args: string[]) => {
    const result = spawnSync(
      process.execPath,
      [path.join(scripts, name), ...args],
      { env, encoding: 'utf8', timeout: 60_000 },
    );
    return {
      status: result.status,
      output: `${result.stdout}${result.stderr}`,
    };
  };
  const databasesOf = async (prefix: string) =>
    (
      await admin.raw(
        'select datname from pg_database where starts_with(datname, ?) order by 1',
        [prefix],
      )
    ).rows.map((row: { datname: string }) => row.datname);

  /** Everything the portal shows of the incidents and their postmortems. */
  async function snapshot(store: DatabaseIncidentStore) {
    const incidents = await store.listIncidents({
      status: 'all',
      limit: 50,
      offset: 0,
    });
    const ids = incidents.items.map(i => i.id);
    return {
      incidents,
      stored: await Promise.all(ids.map(id => store.getIncident(id))),
      timelines: await Promise.all(ids.map(id => store.getTimeline(id))),
      alerts: await Promise.all(ids.map(id => store.getAlerts(id))),
      postmortems: await store.listPostmortems({ limit: 50, offset: 0 }),
      postmortem: await store.getPostmortem('pm1'),
      published: await store.searchPublishedPostmortems(undefined, 50),
      search: await store.listIncidents({
        status: 'all',
        q: 'ünïcode',
        limit: 50,
        offset: 0,
      }),
    };
  }

  let backupDir = '';
  let before: Awaited<ReturnType<typeof snapshot>>;
  let migrations: string[] = [];

  beforeAll(async () => {
    if (!connectionString) {
      throw new Error(
        'VIGIL_REQUIRE_POSTGRES is set, BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not',
      );
    }
    await admin.raw('create database ??', [`${source}incidents`]);
    // A second plugin's database: a backup covers every one of the prefix.
    await admin.raw('create database ??', [`${source}catalog`]);
    const catalog = open(`${source}catalog`);
    await catalog.schema.createTable('entities', t => t.text('ref'));
    await catalog('entities').insert({ ref: 'component:default/a' });

    const knex = open(`${source}incidents`);
    await incidentsMigrations.migrate(knex);
    const store = new DatabaseIncidentStore(knex);
    await store.createIncident(storedIncident('i1', { minutes: 0 }), [
      { type: 'note', at: at(1), actor: ALICE, text: 'rolled back' },
    ]);
    await store.createIncident(
      storedIncident('i2', {
        minutes: 5,
        title: 'Scoring "p99" ünïcode \'quoted\' outage',
      }),
      [],
    );
    await knex('incident_alerts').insert(alertRows('i1'));
    await store.createPostmortem(
      postmortem('pm1', 'i1', {
        state: 'published',
        publishedAt: at(70),
        actionItems: [actionItem('a1'), actionItem('a2', { status: 'done' })],
      }),
      ALICE,
    );
    await store.createPostmortem(postmortem('pm2', 'i2'), ALICE);
    before = await snapshot(store);
    migrations = await knex('knex_migrations').orderBy('id').pluck('name');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(opened.map(knex => knex.destroy()));
    for (const name of await databasesOf(run)) {
      await admin.raw('drop database ?? with (force)', [name]);
    }
    await admin.destroy();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('backs up every database of the prefix with a manifest', () => {
    const backup = script('db-backup.mjs', ['--prefix', source, '--out', out]);
    expect(backup).toMatchObject({ status: 0 });
    const [name] = fs.readdirSync(out);
    expect(name).toMatch(/^vigil-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    backupDir = path.join(out, name);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({
      format: 'vigil-backup/1',
      prefix: source,
      pgDump: expect.stringMatching(/^pg_dump \(PostgreSQL\) \d+/),
    });
    expect(manifest.databases).toEqual([
      expect.objectContaining({
        name: `${source}catalog`,
        file: 'catalog.dump',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
      expect.objectContaining({
        name: `${source}incidents`,
        plugin: 'incidents',
        file: 'incidents.dump',
      }),
    ]);
  }, 60_000);

  it('restores into fresh databases and reads the incidents and postmortems back', async () => {
    const restore = script('db-restore.mjs', [backupDir, '--prefix', target]);
    expect(restore).toMatchObject({ status: 0 });
    expect(await databasesOf(target)).toEqual([
      `${target}catalog`,
      `${target}incidents`,
    ]);

    const knex = open(`${target}incidents`);
    // The migrations' record came along: the plugin starts on it as is.
    expect(migrations.length).toBeGreaterThan(0);
    expect(await knex('knex_migrations').orderBy('id').pluck('name')).toEqual(
      migrations,
    );
    const store = new DatabaseIncidentStore(knex);
    const after = await snapshot(store);
    expect(after).toEqual(before);
    expect(after.incidents.totalCount).toBe(2);
    const byId = new Map(after.stored.map(s => [s?.incident.id, s]));
    expect(byId.get('i2')?.incident.title).toBe(
      'Scoring "p99" ünïcode \'quoted\' outage',
    );
    expect(await store.getTimeline('i1')).toHaveLength(2);
    expect(after.postmortem?.actionItems.map(a => a.id)).toEqual(['a1', 'a2']);
    expect(after.postmortems.totalCount).toBe(2);
    expect(after.published.items.map(i => i.postmortem.id)).toEqual(['pm1']);
    expect(after.search.items.map(i => i.id)).toEqual(['i2']);
    expect(await open(`${target}catalog`)('entities').pluck('ref')).toEqual([
      'component:default/a',
    ]);

    // The sequences came back too: new rows do not collide with old ids.
    const [entry] = await knex.transaction(tx =>
      appendEvents(tx, 'i1', [
        { type: 'note', at: at(90), actor: ALICE, text: 'after restore' },
      ]),
    );
    expect(entry.id).toBeGreaterThan(
      Math.max(...after.timelines.flat().map(e => e.id)),
    );
  }, 60_000);

  it('refuses to restore over existing databases without --force', async () => {
    const again = script('db-restore.mjs', [backupDir, '--prefix', target]);
    expect(again.status).toBe(1);
    expect(again.output).toContain(
      `these databases exist already on ${env.POSTGRES_USER}@${env.POSTGRES_HOST}`,
    );
    expect(again.output).toContain(`${target}incidents`);
  });

  it('replaces them with --force, once no backend is connected', async () => {
    const live = open(`${target}incidents`);
    await live('incidents').update({ title: 'changed after the backup' });
    const busy = script('db-restore.mjs', [
      backupDir,
      '--prefix',
      target,
      '--force',
    ]);
    expect(busy.status).toBe(1);
    expect(busy.output).toMatch(
      /still in use: .*_dst_incidents \(\d+ connections\); stop every backend replica first/,
    );

    await Promise.all(opened.splice(0).map(knex => knex.destroy()));
    const forced = script('db-restore.mjs', [
      backupDir,
      '--prefix',
      target,
      '--force',
    ]);
    expect(forced).toMatchObject({ status: 0 });
    expect(forced.output).toContain('(replacing 2)');
    const store = new DatabaseIncidentStore(open(`${target}incidents`));
    expect(await snapshot(store)).toEqual(before);
  }, 60_000);

  it('refuses a damaged dump before creating anything', async () => {
    const damaged = `${backupDir}-damaged`;
    fs.cpSync(backupDir, damaged, { recursive: true });
    const dump = path.join(damaged, 'incidents.dump');
    const bytes = fs.readFileSync(dump);
    bytes[bytes.length >> 1] ^= 0xff;
    fs.writeFileSync(dump, bytes);
    const result = script('db-restore.mjs', [
      damaged,
      '--prefix',
      `${run}_bad_`,
    ]);
    expect(result.status).toBe(1);
    expect(result.output).toContain(
      'incidents.dump does not match its sha256 in the manifest',
    );
    expect(await databasesOf(`${run}_bad_`)).toEqual([]);
  });
});
