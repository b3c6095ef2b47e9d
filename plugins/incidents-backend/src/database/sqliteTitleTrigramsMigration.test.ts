import knexFactory, { Knex } from 'knex';
import path from 'node:path';
import { storedIncident } from '../__testUtils__/store';
import { incidentToRow } from './operations/incidents/rows';

/*
 * SQLite's title index (20261210000000_sqlite_title_trigrams): incidents
 * stored before it are indexed when it runs, and rolling it back leaves no
 * table or trigger behind.
 */
const migrationsDir = path.resolve(__dirname, '../../migrations');
const MIGRATION = '20261210000000_sqlite_title_trigrams.js';

describe('SQLite title trigram migration', () => {
  let knex: Knex;

  beforeEach(() => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
  });

  afterEach(() => knex.destroy());

  const matches = (text: string): Promise<number[]> =>
    knex('incident_title_trigrams')
      .whereRaw('incident_title_trigrams match ?', [`"${text}"`])
      .pluck('rowid');

  const sqliteObjects = (): Promise<string[]> =>
    knex('sqlite_master')
      .where('name', 'like', '%title_trigrams%')
      .pluck('name');

  it('indexes the incidents already stored, and rolls back cleanly', async () => {
    const before = (await knex.migrate.list({ directory: migrationsDir }))[1]
      .map((m: { file: string }) => m.file)
      .filter((file: string) => file < MIGRATION);
    for (let i = 0; i < before.length; i++) {
      await knex.migrate.up({ directory: migrationsDir });
    }
    const { incident, ownerRefs } = storedIncident('i1', {
      title: 'Disk full on db-1',
    });
    await knex('incidents').insert(incidentToRow(incident, ownerRefs));
    const { rowid } = await knex('incidents').first('rowid');

    await knex.migrate.up({ directory: migrationsDir });
    expect(await matches('disk FULL')).toEqual([rowid]);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await sqliteObjects()).toEqual([]);
  });
});
