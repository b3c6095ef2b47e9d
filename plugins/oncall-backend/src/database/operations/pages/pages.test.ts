import { testDatabases } from '@vigil/backend-kit/testUtils';
import knexFactory, { Knex } from 'knex';
import {
  ALICE,
  BOB,
  MINUTE,
  migratedStore,
  newPage,
  T0,
} from '../../__testUtils__/fixtures';
import { DatabaseOnCallStore } from '../../DatabaseOnCallStore';

const databases = testDatabases();

/**
 * A second backend instance: its own connection pool to the same database
 * on PostgreSQL; on SQLite (in memory, one connection) a second store on the
 * same connection.
 */
function secondInstance(knex: Knex, databaseId: string): Knex {
  return databaseId.startsWith('POSTGRES')
    ? knexFactory({ ...knex.client.config })
    : knex;
}

describe.each(databases.eachSupportedId())('pages on %s', databaseId => {
  it('creates an open page before its first step and reads it back', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const page = await store.createPage(
      newPage({ incidentId: 'inc-1', policyId: 'p1', policyName: 'Default' }),
    );
    expect(page).toEqual({
      ...newPage({
        incidentId: 'inc-1',
        policyId: 'p1',
        policyName: 'Default',
      }),
      id: expect.any(String),
      status: 'open',
      stepIndex: -1,
      repeatIndex: 0,
    });
    expect(await store.getPage(page.id)).toEqual(page);
    expect(await store.getPage('missing')).toBeUndefined();
  });

  it('lists the due open pages, earliest due first', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const late = await store.createPage(
      newPage({ nextEscalationAt: T0 + 5 * MINUTE }),
    );
    const early = await store.createPage(newPage({ nextEscalationAt: T0 }));
    const future = await store.createPage(
      newPage({ nextEscalationAt: T0 + 60 * MINUTE }),
    );
    const acked = await store.createPage(newPage({ nextEscalationAt: T0 }));
    await store.acknowledgePage(acked.id, ALICE, T0);
    await store.createPage(newPage({ nextEscalationAt: undefined }));
    const due = async (now: number, limit = 10) =>
      (await store.duePages(now, limit)).map(p => p.id);
    expect(await due(T0 + 5 * MINUTE)).toEqual([early.id, late.id]);
    expect(await due(T0 + 5 * MINUTE, 1)).toEqual([early.id]);
    expect(await due(T0 - 1)).toEqual([]);
    expect(await due(T0 + 60 * MINUTE)).toEqual([early.id, late.id, future.id]);
  });

  it('counts the due open pages by severity', async () => {
    const { store } = await migratedStore(databases, databaseId);
    await store.createPage(newPage({ nextEscalationAt: T0 }));
    await store.createPage(newPage({ nextEscalationAt: T0 + MINUTE }));
    await store.createPage(
      newPage({ severity: 'critical', nextEscalationAt: T0 }),
    );
    await store.createPage(
      newPage({ severity: 'low', nextEscalationAt: T0 + 60 * MINUTE }),
    );
    const acked = await store.createPage(newPage({ nextEscalationAt: T0 }));
    await store.acknowledgePage(acked.id, ALICE, T0);
    await store.createPage(newPage({ nextEscalationAt: undefined }));
    expect(await store.countDuePages(T0 - 1)).toEqual({});
    expect(await store.countDuePages(T0 + MINUTE)).toEqual({
      critical: 1,
      high: 2,
    });
  });

  it('advances a step only from where it is', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const page = await store.createPage(newPage());
    const first = {
      repeatIndex: 0,
      stepIndex: 0,
      nextEscalationAt: T0 + 15 * MINUTE,
    };
    expect(
      await store.advancePage(page.id, { repeatIndex: 0, stepIndex: 0 }, first),
    ).toBe(false);
    expect(
      await store.advancePage(
        page.id,
        { repeatIndex: 0, stepIndex: -1 },
        first,
      ),
    ).toBe(true);
    expect(
      await store.advancePage(
        page.id,
        { repeatIndex: 0, stepIndex: -1 },
        first,
      ),
    ).toBe(false);
    expect(await store.getPage(page.id)).toMatchObject({
      stepIndex: 0,
      repeatIndex: 0,
      nextEscalationAt: T0 + 15 * MINUTE,
      status: 'open',
    });
    // The last step: no next escalation, the page is exhausted.
    expect(
      await store.advancePage(
        page.id,
        { repeatIndex: 0, stepIndex: 0 },
        { repeatIndex: 0, stepIndex: 1, status: 'exhausted' },
      ),
    ).toBe(true);
    const exhausted = await store.getPage(page.id);
    expect(exhausted).toMatchObject({ status: 'exhausted', stepIndex: 1 });
    expect(exhausted).not.toHaveProperty('nextEscalationAt');
    expect(
      await store.advancePage(
        page.id,
        { repeatIndex: 0, stepIndex: 1 },
        { repeatIndex: 1, stepIndex: 0 },
      ),
    ).toBe(false);
  });

  it('advances each step exactly once when two instances race', async () => {
    const { knex } = await migratedStore(databases, databaseId);
    const other = secondInstance(knex, databaseId);
    try {
      const instances = [
        new DatabaseOnCallStore(knex),
        new DatabaseOnCallStore(other),
      ];
      const pages = await Promise.all(
        Array.from({ length: 10 }, () => instances[0].createPage(newPage())),
      );
      // Both instances see the same pages (one database, two pools).
      expect(await instances[1].getPage(pages[9].id)).toEqual(pages[9]);
      for (const stepIndex of [0, 1]) {
        const outcomes = await Promise.all(
          pages.flatMap(page =>
            instances.map(store =>
              store.advancePage(
                page.id,
                { repeatIndex: 0, stepIndex: stepIndex - 1 },
                { repeatIndex: 0, stepIndex, nextEscalationAt: T0 + MINUTE },
              ),
            ),
          ),
        );
        for (let i = 0; i < pages.length; i++) {
          expect(outcomes.slice(2 * i, 2 * i + 2).filter(Boolean)).toHaveLength(
            1,
          );
        }
      }
      const [single] = pages;
      const race = await Promise.all(
        instances.map(store =>
          store.advancePage(
            single.id,
            { repeatIndex: 0, stepIndex: 1 },
            { repeatIndex: 1, stepIndex: 0 },
          ),
        ),
      );
      expect(race.filter(Boolean)).toEqual([true]);
    } finally {
      if (other !== knex) await other.destroy();
    }
  });

  it('acknowledges and resolves only from the right status', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const page = await store.createPage(newPage());
    expect(await store.acknowledgePage(page.id, BOB, T0 + MINUTE)).toBe(true);
    expect(await store.acknowledgePage(page.id, ALICE, T0 + 2 * MINUTE)).toBe(
      false,
    );
    const acked = await store.getPage(page.id);
    expect(acked).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: T0 + MINUTE,
      acknowledgedBy: BOB,
    });
    expect(acked).not.toHaveProperty('nextEscalationAt');
    // Escalation cannot advance an acknowledged page.
    expect(
      await store.advancePage(
        page.id,
        { repeatIndex: 0, stepIndex: -1 },
        { repeatIndex: 0, stepIndex: 0 },
      ),
    ).toBe(false);
    expect(await store.resolvePage(page.id, T0 + 3 * MINUTE)).toBe(true);
    expect(await store.resolvePage(page.id, T0 + 4 * MINUTE)).toBe(false);
    expect(await store.acknowledgePage(page.id, BOB, T0 + 5 * MINUTE)).toBe(
      false,
    );
    expect(await store.getPage(page.id)).toMatchObject({
      status: 'resolved',
      resolvedAt: T0 + 3 * MINUTE,
    });
    // An open page resolves directly.
    const open = await store.createPage(newPage());
    expect(await store.resolvePage(open.id, T0)).toBe(true);
    expect(await store.resolvePage('missing', T0)).toBe(false);
  });
});
