import { testDatabases } from '@vigil/backend-kit/testUtils';
import { countQueries, migratedStore } from '../../__testUtils__/store';
import { escapeLike, insertChunked } from './queries';

const databases = testDatabases();

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_done\\')).toBe('100\\%\\_done\\\\');
    expect(escapeLike('plain')).toBe('plain');
  });
});

describe.each(databases.eachSupportedId())(
  'insertChunked on %s',
  databaseId => {
    it('inserts 50 rows a statement inside the transaction', async () => {
      const { knex } = await migratedStore(databases, databaseId);
      const rows = Array.from({ length: 120 }, (_, n) => ({
        incident_id: 'i1',
        entity_ref: `component:default/c${n}`,
        declared_at: 0,
      }));
      const { sql } = await countQueries(knex, () =>
        knex.transaction(tx => insertChunked(tx, 'incident_entities', rows)),
      );
      expect(sql.filter(text => /^insert/i.test(text))).toHaveLength(3);
      const [{ count }] = await knex('incident_entities').count({ count: '*' });
      expect(Number(count)).toBe(120);
    });
  },
);
