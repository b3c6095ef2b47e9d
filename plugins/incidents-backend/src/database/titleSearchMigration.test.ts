import knexFactory, { Knex } from 'knex';
import path from 'node:path';

/*
 * The title-search migration on the real PostgreSQL, as a database owner that
 * may not create extensions: it must fail and say what to do, not be
 * recorded as applied without its index.
 */
const connectionString =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const describeOnPostgres =
  connectionString || process.env.VIGIL_REQUIRE_POSTGRES
    ? describe
    : describe.skip;

const migrationsDir = path.resolve(__dirname, '../../migrations');
const suffix = `${process.pid}_${Date.now().toString(36)}`;
const database = `vigil_trgm_${suffix}`;
const role = `vigil_no_ext_${suffix}`;

describeOnPostgres('title search migration on PostgreSQL', () => {
  let admin: Knex;
  let restricted: Knex | undefined;

  beforeAll(async () => {
    admin = knexFactory({ client: 'pg', connection: connectionString! });
    await admin.raw(`create role ${role} login`);
    await admin.raw(`create database ${database}`);
    const owner = knexFactory({
      client: 'pg',
      connection: `${connectionString}/${database}`,
    });
    // May create tables, but has no CREATE on the database, so PostgreSQL
    // refuses it even the trusted pg_trgm extension.
    await owner.raw(`grant usage, create on schema public to ${role}`);
    await owner.destroy();
  });

  afterAll(async () => {
    await restricted?.destroy();
    await admin.raw(`drop database if exists ${database} with (force)`);
    await admin.raw(`drop role if exists ${role}`);
    await admin.destroy();
  });

  it('fails loudly where pg_trgm cannot be created, and is not recorded as applied', async () => {
    const url = new URL(`${connectionString}/${database}`);
    url.username = role;
    restricted = knexFactory({ client: 'pg', connection: url.toString() });
    await expect(
      restricted.migrate.latest({ directory: migrationsDir }),
    ).rejects.toThrow(/cannot create the pg_trgm extension.*superuser/);
    const applied: string[] = await restricted('knex_migrations').pluck('name');
    // knex runs the pending migrations in one transaction: none is recorded.
    expect(applied).not.toContain('20261126000000_title_search.js');
  });
});
