import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  DatabaseSupportStore,
  supportMigrations,
} from './DatabaseSupportStore';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL
// silently; plain `yarn test` without a database runs SQLite only.
const databases = testDatabases();
const NOW = Date.parse('2026-06-01T10:00:00Z');
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

async function storeOn(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await supportMigrations.migrate(knex);
  return new DatabaseSupportStore(knex);
}

describe('DatabaseSupportStore', () => {
  it('runs against PostgreSQL when the test command asks for it', () => {
    const required = process.env.VIGIL_REQUIRE_POSTGRES
      ? 'POSTGRES_15'
      : 'SQLITE_3';
    expect(databases.supports(required)).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'keeps tickets with their context and pages them newest first on %s',
    async databaseId => {
      const store = await storeOn(databaseId);
      const context = {
        message: 'Request failed with 503',
        requestId: 'req-1',
        statusCode: 503,
        time: '2026-06-01T09:59:00.000Z',
        faroSessionId: 'sess-1',
      };
      const first = await store.createTicket({
        reporterRef: ALICE,
        text: 'First',
        context,
        now: NOW,
      });
      expect(first).toMatchObject({
        status: 'open',
        version: 1,
        createdAt: '2026-06-01T10:00:00.000Z',
      });
      for (const [i, reporterRef] of [ALICE, BOB, ALICE].entries()) {
        await store.createTicket({
          reporterRef,
          text: `Later ${i}`,
          context: {},
          now: NOW + (i + 1) * 1000,
        });
      }
      expect(await store.getTicket(first.id)).toEqual(first);
      expect(
        await store.getTicket('5b0c3f86-8d0e-4a4e-b0f2-0f8e4e3b9d11'),
      ).toBeUndefined();

      const alices = await store.listTickets({
        reporterRef: ALICE,
        limit: 2,
        offset: 0,
      });
      expect(alices.totalCount).toBe(3);
      expect(alices.items.map(t => t.text)).toEqual(['Later 2', 'Later 0']);
      const next = await store.listTickets({
        reporterRef: ALICE,
        limit: 2,
        offset: 2,
      });
      expect(next.items.map(t => t.text)).toEqual(['First']);
      const all = await store.listTickets({ limit: 10, offset: 0 });
      expect(all.totalCount).toBe(4);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'changes a status only on the expected version on %s',
    async databaseId => {
      const store = await storeOn(databaseId);
      const ticket = await store.createTicket({
        reporterRef: ALICE,
        text: 'Broken',
        context: {},
        now: NOW,
      });
      const changed = await store.updateTicketStatus({
        id: ticket.id,
        status: 'resolved',
        expectedVersion: 1,
        actor: 'user:default/pat',
        now: NOW + 5000,
      });
      expect(changed).toMatchObject({
        kind: 'changed',
        ticket: {
          status: 'resolved',
          version: 2,
          updatedBy: 'user:default/pat',
          updatedAt: '2026-06-01T10:00:05.000Z',
        },
      });
      const stale = await store.updateTicketStatus({
        id: ticket.id,
        status: 'closed',
        expectedVersion: 1,
        actor: 'user:default/pat',
        now: NOW + 6000,
      });
      expect(stale).toMatchObject({
        kind: 'stale',
        current: { status: 'resolved', version: 2 },
      });
      expect(
        await store.updateTicketStatus({
          id: '5b0c3f86-8d0e-4a4e-b0f2-0f8e4e3b9d11',
          status: 'closed',
          expectedVersion: 1,
          actor: 'user:default/pat',
          now: NOW,
        }),
      ).toEqual({ kind: 'missing' });
      expect(
        (await store.listTickets({ status: 'resolved', limit: 5, offset: 0 }))
          .totalCount,
      ).toBe(1);
      expect(
        (await store.listTickets({ status: 'open', limit: 5, offset: 0 }))
          .totalCount,
      ).toBe(0);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'keeps feedback and pages it newest first on %s',
    async databaseId => {
      const store = await storeOn(databaseId);
      for (const rating of [1, 3, 5]) {
        await store.createFeedback({
          reporterRef: ALICE,
          rating,
          text: `Rated ${rating}`,
          context: { route: '/slo' },
          now: NOW + rating,
        });
      }
      const page = await store.listFeedback({ limit: 2, offset: 0 });
      expect(page.totalCount).toBe(3);
      expect(page.items.map(f => f.rating)).toEqual([5, 3]);
      expect(page.items[0]).toMatchObject({
        reporterRef: ALICE,
        context: { route: '/slo' },
      });
    },
    60_000,
  );
});
