import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  BOB,
  CAROL,
  countQueries,
  DAY,
  HOUR,
  layer,
  migratedStore,
  newOverride,
  newSchedule,
  PAYMENTS,
  SRE,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('schedules on %s', databaseId => {
  it('creates, reads and lists by owner and participant, paginated in the database', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const primary = await store.createSchedule(
      newSchedule({ name: 'Primary', description: 'follow the sun' }),
    );
    expect(primary).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ownerRef: SRE,
      name: 'Primary',
      description: 'follow the sun',
      timeZone: 'Europe/Berlin',
      layers: [layer('l1', [ALICE, BOB])],
      version: 1,
      createdAt: new Date(T0).toISOString(),
      updatedAt: new Date(T0).toISOString(),
    });
    expect(await store.getSchedule(primary.id)).toEqual(primary);
    expect(await store.getSchedule('missing')).toBeUndefined();

    const secondary = await store.createSchedule(
      newSchedule({
        name: 'Business hours',
        layers: [layer('l1', [CAROL]), layer('l2', [BOB, CAROL])],
      }),
    );
    const payments = await store.createSchedule(
      newSchedule({
        ownerRef: PAYMENTS,
        name: 'Payments',
        layers: [layer('l', [ALICE])],
      }),
    );

    const names = async (query: object) => {
      const page = await store.listSchedules({
        limit: 10,
        offset: 0,
        ...query,
      });
      return { names: page.items.map(s => s.name), total: page.total };
    };
    expect(await names({})).toEqual({
      names: ['Business hours', 'Payments', 'Primary'],
      total: 3,
    });
    expect(await names({ ownerRefs: [SRE] })).toEqual({
      names: ['Business hours', 'Primary'],
      total: 2,
    });
    expect(await names({ ownerRefs: [] })).toEqual({ names: [], total: 0 });
    expect(await names({ participantRef: ALICE })).toEqual({
      names: ['Payments', 'Primary'],
      total: 2,
    });
    expect(await names({ participantRef: CAROL, ownerRefs: [SRE] })).toEqual({
      names: ['Business hours'],
      total: 1,
    });
    expect(await names({ limit: 1, offset: 1 })).toEqual({
      names: ['Payments'],
      total: 3,
    });
    expect(await names({ limit: 5, offset: 3 })).toEqual({
      names: [],
      total: 3,
    });

    // Many at once, in the order asked, missing ones skipped.
    expect(
      (await store.getSchedules([payments.id, 'missing', primary.id])).map(
        s => s.name,
      ),
    ).toEqual(['Payments', 'Primary']);
    expect(await store.getSchedules([])).toEqual([]);
    expect((await store.getSchedules([secondary.id]))[0].layers).toHaveLength(
      2,
    );
  });

  it('edits with a version check, keeping earlier versions for the past', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const created = await store.createSchedule(newSchedule());
    const edit = {
      id: created.id,
      version: 1,
      name: 'Renamed',
      timeZone: 'America/New_York',
      layers: [layer('l1', [CAROL])],
      updatedBy: BOB,
      now: T0 + DAY,
    };
    const edited = await store.updateSchedule(edit);
    expect(edited).toMatchObject({
      id: created.id,
      name: 'Renamed',
      version: 2,
      timeZone: 'America/New_York',
      createdAt: created.createdAt,
      updatedAt: new Date(T0 + DAY).toISOString(),
    });
    expect(edited).not.toHaveProperty('description');
    // A stale version is a conflict, a missing schedule undefined.
    expect(await store.updateSchedule(edit)).toBe('conflict');
    expect(
      await store.updateSchedule({ ...edit, id: 'missing' }),
    ).toBeUndefined();
    expect((await store.getSchedule(created.id))?.version).toBe(2);

    // The participant index follows the edit.
    const of = async (user: string) =>
      (await store.listSchedules({ participantRef: user, limit: 5, offset: 0 }))
        .total;
    expect([await of(ALICE), await of(CAROL)]).toEqual([0, 1]);

    // History: before the edit the first version, after it the second.
    const versions = await store.getScheduleVersions(
      created.id,
      T0,
      T0 + 2 * DAY,
    );
    expect(versions).toEqual([
      {
        version: 1,
        effectiveFrom: T0,
        definition: {
          timeZone: 'Europe/Berlin',
          layers: [layer('l1', [ALICE, BOB])],
        },
      },
      {
        version: 2,
        effectiveFrom: T0 + DAY,
        definition: {
          timeZone: 'America/New_York',
          layers: [layer('l1', [CAROL])],
        },
      },
    ]);
    const versionsIn = async (from: number, to: number) =>
      (await store.getScheduleVersions(created.id, from, to)).map(
        v => v.version,
      );
    expect(await versionsIn(T0 + HOUR, T0 + 2 * HOUR)).toEqual([1]);
    expect(await versionsIn(T0 + DAY, T0 + 2 * DAY)).toEqual([2]);
    expect(await versionsIn(T0 + 2 * DAY, T0 + 3 * DAY)).toEqual([2]);
    expect(await versionsIn(T0 - DAY, T0)).toEqual([]);
    expect(await versionsIn(T0 - DAY, T0 + HOUR)).toEqual([1]);

    // A second edit in the same instant replaces that version.
    const again = await store.updateSchedule({
      ...edit,
      version: 2,
      layers: [layer('l1', [BOB])],
    });
    expect(again).toMatchObject({ version: 3 });
    expect(
      (await store.getScheduleVersions(created.id, T0, T0 + 2 * DAY)).map(v => [
        v.version,
        v.definition.layers[0].participants,
      ]),
    ).toEqual([
      [1, [ALICE, BOB]],
      [3, [BOB]],
    ]);
  });

  it('reads the versions of many schedules in one query', async () => {
    const { knex, store } = await migratedStore(databases, databaseId);
    const a = await store.createSchedule(newSchedule({ name: 'a' }));
    const b = await store.createSchedule(
      newSchedule({ name: 'b', now: T0 + DAY }),
    );
    await store.updateSchedule({
      ...newSchedule(),
      id: a.id,
      version: 1,
      updatedBy: ALICE,
      now: T0 + 2 * HOUR,
    });
    const { result: many, queries } = await countQueries(knex, () =>
      store.getScheduleVersionsMany(
        [a.id, b.id, 'missing'],
        T0 + HOUR,
        T0 + 3 * HOUR,
      ),
    );
    expect(queries).toBe(1);
    expect([...many.keys()]).toEqual([a.id, b.id, 'missing']);
    expect(many.get(a.id)?.map(v => v.version)).toEqual([1, 2]);
    expect(many.get(b.id)).toEqual([]);
    expect(many.get('missing')).toEqual([]);
  });

  it('deletes a schedule with everything that belongs to it, at its version', async () => {
    const { knex, store } = await migratedStore(databases, databaseId);
    const doomed = await store.createSchedule(newSchedule());
    const kept = await store.createSchedule(newSchedule({ name: 'kept' }));
    for (const schedule of [doomed, kept]) {
      await store.createOverride(newOverride(schedule.id, T0, T0 + HOUR));
      await store.createTemporarySchedule({
        scheduleId: schedule.id,
        start: T0,
        end: T0 + HOUR,
        shifts: [{ start: T0, end: T0 + HOUR, userRef: CAROL }],
        createdBy: ALICE,
        createdAt: T0,
      });
    }
    expect(await store.deleteSchedule(doomed.id, 7)).toBe('conflict');
    expect(await store.deleteSchedule('missing', 1)).toBe(false);
    expect(await store.deleteSchedule(doomed.id, 1)).toBe(true);
    expect(await store.getSchedule(doomed.id)).toBeUndefined();
    for (const table of [
      'oncall_schedule_versions',
      'oncall_schedule_participants',
      'oncall_overrides',
      'oncall_temporary_schedules',
    ]) {
      expect(await knex(table).distinct().pluck('schedule_id')).toEqual([
        kept.id,
      ]);
    }
  });
});
