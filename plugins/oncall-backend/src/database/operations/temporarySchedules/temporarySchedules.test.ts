import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  BOB,
  HOUR,
  migratedStore,
  newSchedule,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'temporary schedules on %s',
  databaseId => {
    it('creates, lists in a range, truncates with its shifts, deletes', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const a = await store.createSchedule(newSchedule({ name: 'a' }));
      const b = await store.createSchedule(newSchedule({ name: 'b' }));
      const shifts = [
        { start: T0, end: T0 + 4 * HOUR, userRef: ALICE },
        { start: T0 + 4 * HOUR, end: T0 + 8 * HOUR, userRef: BOB },
      ];
      const temporary = await store.createTemporarySchedule({
        scheduleId: a.id,
        start: T0,
        end: T0 + 8 * HOUR,
        shifts,
        note: 'offsite',
        createdBy: ALICE,
        createdAt: T0,
      });
      expect(temporary).toEqual({
        id: expect.any(String),
        scheduleId: a.id,
        start: T0,
        end: T0 + 8 * HOUR,
        shifts,
        note: 'offsite',
        createdBy: ALICE,
      });
      expect(await store.getTemporarySchedule(temporary.id)).toEqual(temporary);
      expect(await store.getTemporarySchedule('missing')).toBeUndefined();
      expect(
        await store.listTemporarySchedules(a.id, T0 + 7 * HOUR, T0 + 9 * HOUR),
      ).toEqual([temporary]);
      expect(
        await store.listTemporarySchedules(a.id, T0 + 8 * HOUR, T0 + 9 * HOUR),
      ).toEqual([]);
      const many = await store.listTemporarySchedulesMany(
        [a.id, b.id],
        T0,
        T0 + HOUR,
      );
      expect([...many.entries()]).toEqual([
        [a.id, [temporary]],
        [b.id, []],
      ]);

      expect(await store.truncateTemporarySchedule(temporary.id, T0)).toBe(
        false,
      );
      expect(
        await store.truncateTemporarySchedule(temporary.id, T0 + 3 * HOUR),
      ).toBe(true);
      expect(await store.getTemporarySchedule(temporary.id)).toMatchObject({
        end: T0 + 3 * HOUR,
        shifts: [{ start: T0, end: T0 + 3 * HOUR, userRef: ALICE }],
      });
      expect(await store.deleteTemporarySchedule(temporary.id)).toBe(true);
      expect(await store.deleteTemporarySchedule(temporary.id)).toBe(false);
    });
  },
);
