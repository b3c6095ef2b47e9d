import { testDatabases } from './testUtils';
import { whereInValues } from './sqlSets';

const databases = testDatabases();

describe('whereInValues', () => {
  it.each(databases.eachSupportedId())(
    'keeps the rows of any number of values on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('things', t => t.string('ref').primary());
      await knex('things').insert([{ ref: 'a' }, { ref: 'b' }, { ref: 'c' }]);
      const isPostgres = String(knex.client.config.client).includes('pg');
      const refs = async (values: string[]) =>
        (
          await whereInValues(knex('things'), 'ref', values, isPostgres)
            .select('ref')
            .orderBy('ref')
        ).map((r: { ref: string }) => r.ref);
      expect(await refs([])).toEqual([]);
      expect(await refs(['b'])).toEqual(['b']);
      const many = Array.from({ length: 5000 }, (_, i) => `x${i}`);
      expect(await refs([...many, 'a', 'c'])).toEqual(['a', 'c']);
    },
  );
});
