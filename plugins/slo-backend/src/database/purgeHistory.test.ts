import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  entitySpecs,
  MINUTE,
  NOW,
  status,
} from '../__testUtils__/storeFixtures';
import { DatabaseSloStore, sloMigrations } from './DatabaseSloStore';

const databases = testDatabases();

const meta = {
  owner: 'group:default/sre',
  system: 'system:default/shop',
  lifecycle: 'production',
};

describe.each(databases.eachSupportedId())('purgeHistory on %s', databaseId => {
  it("deletes the history of the namespace's SLOs only", async () => {
    const knex = await databases.init(databaseId);
    await sloMigrations.migrate(knex);
    const store = new DatabaseSloStore(knex);
    const entities = [
      entitySpecs('component:sandbox/checkout', 'sandbox-checkout', meta),
      entitySpecs('component:default/checkout', 'checkout', meta),
      entitySpecs('component:sandboxes/search', 'search', meta),
    ];
    await store.replaceSpecs(entities, NOW);
    const [sandbox, real, near] = entities.map(e => e.definitions[0]);
    for (const minute of [0, 1, 2]) {
      await store.recordEvaluations(
        [sandbox, real, near].map(d =>
          status(d.sloId, d.entityRef, 0.5, NOW + minute * MINUTE),
        ),
      );
    }
    const range = { from: NOW, to: NOW + 10 * MINUTE, limit: 100 };

    expect(await store.purgeHistory('sandbox')).toBe(3);

    expect(await store.getHistory(sandbox.sloId, range)).toEqual([]);
    expect(await store.getHistory(real.sloId, range)).toHaveLength(3);
    expect(await store.getHistory(near.sloId, range)).toHaveLength(3);
    // The definitions and the current status stay (the catalog's, and the
    // next evaluation's).
    expect(await store.getDefinition(sandbox.sloId)).toBeDefined();
    expect(await store.getCurrentStatus(sandbox.sloId)).toBeDefined();
    expect(await store.purgeHistory('sandbox')).toBe(0);
  });
});
