import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  ALICE,
  BOB,
  MINUTE,
  migratedStore,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe.each(databases.eachSupportedId())(
  'calendar tokens on %s',
  databaseId => {
    it('finds live tokens by hash, lists them by creator, revokes once', async () => {
      const { knex, store } = await migratedStore(databases, databaseId);
      const token = await store.createCalendarToken({
        tokenHash: HASH_A,
        kind: 'user',
        subject: ALICE,
        createdBy: ALICE,
        createdAt: T0,
      });
      expect(token).toEqual({
        id: expect.any(String),
        kind: 'user',
        subject: ALICE,
        createdBy: ALICE,
        createdAt: T0,
      });
      const schedule = await store.createCalendarToken({
        tokenHash: HASH_B,
        kind: 'schedule',
        subject: 'a-schedule-id',
        createdBy: ALICE,
        createdAt: T0 + MINUTE,
      });
      expect(await store.findCalendarToken(HASH_A)).toEqual(token);
      expect(await store.findCalendarToken('c'.repeat(64))).toBeUndefined();
      expect(await store.listCalendarTokens(ALICE)).toEqual([token, schedule]);
      expect(await store.listCalendarTokens(BOB)).toEqual([]);
      // Only the hash is stored.
      expect(await knex('oncall_calendar_tokens').pluck('token_hash')).toEqual(
        expect.arrayContaining([HASH_A, HASH_B]),
      );

      expect(
        await store.revokeCalendarToken(token.id, BOB, T0 + 2 * MINUTE),
      ).toBe(true);
      expect(
        await store.revokeCalendarToken(token.id, BOB, T0 + 3 * MINUTE),
      ).toBe(false);
      expect(await store.revokeCalendarToken('missing', BOB, T0)).toBe(false);
      expect(await store.findCalendarToken(HASH_A)).toBeUndefined();
      expect(await store.listCalendarTokens(ALICE)).toEqual([
        { ...token, revokedAt: T0 + 2 * MINUTE },
        schedule,
      ]);
      // A hash is unique, even once revoked.
      // (Compared by outcome: SQLite's error is not a jest-realm Error.)
      const again = await store
        .createCalendarToken({
          tokenHash: HASH_A,
          kind: 'user',
          subject: BOB,
          createdBy: BOB,
          createdAt: T0,
        })
        .then(
          () => 'stored',
          () => 'refused',
        );
      expect(again).toBe('refused');
    });
  },
);
