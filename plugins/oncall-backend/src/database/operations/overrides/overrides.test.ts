import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  BOB,
  countQueries,
  HOUR,
  migratedStore,
  newOverride,
  newSchedule,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('overrides on %s', databaseId => {
  it('creates, reads and lists the overrides intersecting a range', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const { id } = await store.createSchedule(newSchedule());
    const replace = await store.createOverride(
      newOverride(id, T0 + 2 * HOUR, T0 + 4 * HOUR, {
        action: 'replace',
        userRef: BOB,
        replacesRef: ALICE,
        note: 'dentist',
      }),
    );
    expect(replace).toEqual({
      id: expect.any(String),
      scheduleId: id,
      start: T0 + 2 * HOUR,
      end: T0 + 4 * HOUR,
      action: 'replace',
      userRef: BOB,
      replacesRef: ALICE,
      note: 'dentist',
      createdBy: ALICE,
    });
    expect(await store.getOverride(replace.id)).toEqual(replace);
    expect(await store.getOverride('missing')).toBeUndefined();
    const add = await store.createOverride(newOverride(id, T0, T0 + HOUR));
    expect(add).not.toHaveProperty('replacesRef');
    expect(add).not.toHaveProperty('note');

    const within = async (from: number, to: number) =>
      (await store.listOverrides(id, from, to)).map(o => o.id);
    expect(await within(T0 - HOUR, T0 + 5 * HOUR)).toEqual([
      add.id,
      replace.id,
    ]);
    // [from, to) half open on both sides.
    expect(await within(T0 + HOUR, T0 + 2 * HOUR)).toEqual([]);
    expect(await within(T0 + HOUR - 1, T0 + 2 * HOUR + 1)).toEqual([
      add.id,
      replace.id,
    ]);
    expect(await within(T0 + 3 * HOUR, T0 + 3 * HOUR + 1)).toEqual([
      replace.id,
    ]);
    expect(await within(T0 + 4 * HOUR, T0 + 9 * HOUR)).toEqual([]);
  });

  it('lists the overrides of many schedules at once', async () => {
    const { knex, store } = await migratedStore(databases, databaseId);
    const a = await store.createSchedule(newSchedule({ name: 'a' }));
    const b = await store.createSchedule(newSchedule({ name: 'b' }));
    const later = await store.createOverride(
      newOverride(a.id, T0 + HOUR, T0 + 2 * HOUR),
    );
    const earlier = await store.createOverride(
      newOverride(a.id, T0, T0 + HOUR),
    );
    await store.createOverride(newOverride(b.id, T0 + 5 * HOUR, T0 + 6 * HOUR));
    // More ids than one chunk: every one asked is in the answer.
    const ids = [a.id, b.id, ...Array.from({ length: 600 }, (_, i) => `x${i}`)];
    const { result: many, queries } = await countQueries(knex, () =>
      store.listOverridesMany(ids, T0, T0 + 3 * HOUR),
    );
    expect(queries).toBe(2);
    expect(many.size).toBe(602);
    expect(many.get(a.id)?.map(o => o.id)).toEqual([earlier.id, later.id]);
    expect(many.get(b.id)).toEqual([]);
    expect(many.get('x599')).toEqual([]);
  });

  it('deletes, and ends early only inside the override', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const { id } = await store.createSchedule(newSchedule());
    const override = await store.createOverride(
      newOverride(id, T0, T0 + 4 * HOUR),
    );
    expect(await store.truncateOverride(override.id, T0)).toBe(false);
    expect(await store.truncateOverride(override.id, T0 + 4 * HOUR)).toBe(
      false,
    );
    expect(await store.truncateOverride('missing', T0 + HOUR)).toBe(false);
    expect(await store.truncateOverride(override.id, T0 + HOUR)).toBe(true);
    expect((await store.getOverride(override.id))?.end).toBe(T0 + HOUR);
    expect(await store.deleteOverride(override.id)).toBe(true);
    expect(await store.deleteOverride(override.id)).toBe(false);
    expect(await store.listOverrides(id, 0, T0 + 9 * HOUR)).toEqual([]);
  });
});
