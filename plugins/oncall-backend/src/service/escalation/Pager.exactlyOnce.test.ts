import { testDatabases } from '@vigil/backend-kit/testUtils';
import knexFactory, { Knex } from 'knex';
import {
  DatabaseOnCallStore,
  oncallMigrations,
} from '../../database/DatabaseOnCallStore';
import {
  ALICE,
  BOB,
  FakeDirectory,
  FakeOnCall,
  group,
  MINUTE,
  PAYMENTS,
  pagerOn,
  policy,
  PRIMARY,
  recordingNotifications,
  schedule,
  SCORING,
  step,
  T0,
  testClock,
  user,
} from './__testUtils__/pagerFixtures';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();
const describeOnPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

const request = {
  entityRef: SCORING,
  title: 'SEV1: Scoring API down',
  severity: 'critical' as const,
};

/**
 * Two backend instances: two Pagers, each over its own connection pool to
 * the same PostgreSQL database, sharing the notifications service (so every
 * send is counted) and a clock.
 */
async function twoInstances(stepsPolicy: ReturnType<typeof policy>) {
  const knexA = await databases.init('POSTGRES_15');
  await oncallMigrations.migrate(knexA);
  const knexB: Knex = knexFactory(knexA.client.config);
  const clock = testClock();
  const notifications = recordingNotifications();
  const onCall = new FakeOnCall();
  onCall.onCall.set(PRIMARY, [BOB]);
  const directory = new FakeDirectory(stepsPolicy);
  const shared = { clock, notifications, onCall, directory };
  const a = pagerOn(new DatabaseOnCallStore(knexA), shared).pager;
  const b = pagerOn(new DatabaseOnCallStore(knexB), shared).pager;
  return {
    a,
    b,
    clock,
    notifications,
    storeA: new DatabaseOnCallStore(knexA),
    close: () => knexB.destroy(),
  };
}

/** How many times each (page, repeat, step) was sent. */
function sendsPerStep(sent: ReturnType<typeof recordingNotifications>['sent']) {
  const counts = new Map<string, number>();
  for (const { payload } of sent) {
    const key = `${payload.scope} ${payload.description}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describeOnPostgres(
  'exactly-once escalation with two backend instances on one PostgreSQL',
  () => {
    it('delivers each step of each page once while both instances run the job concurrently', async () => {
      const PAGES = 30;
      const { a, b, clock, notifications, storeA, close } = await twoInstances(
        policy(
          [
            // A first step one minute out, so every step is raced by the job.
            step(1, user(ALICE)),
            step(5, schedule(PRIMARY)),
            step(5, group(PAYMENTS)),
          ],
          2,
        ),
      );
      try {
        const opened = await Promise.all(
          Array.from({ length: PAGES }, (_, i) =>
            (i % 2 ? a : b).open(request, ALICE),
          ),
        );
        let delivered = 0;
        for (let minute = 0; minute <= 30; minute++) {
          clock.set(T0 + minute * MINUTE);
          // Two runs per instance at once, as if the scheduler's lock failed.
          const runs = await Promise.all([
            a.runDue(),
            b.runDue(),
            a.runDue(),
            b.runDue(),
          ]);
          delivered += runs.reduce((sum, run) => sum + run.delivered, 0);
        }

        const counts = sendsPerStep(notifications.sent);
        expect(counts.size).toBe(PAGES * 6);
        expect([...counts.values()].every(count => count === 1)).toBe(true);
        expect(notifications.sent).toHaveLength(PAGES * 6);
        expect(delivered).toBe(PAGES * 6);
        const pageIds = opened.map(o => o.page!.id);
        // Alice, Bob, Carol and Dave, in each of two passes.
        expect(await storeA.listDeliveries(pageIds)).toHaveLength(
          PAGES * 4 * 2,
        );
        for (const id of pageIds) {
          expect(await storeA.getPage(id)).toMatchObject({
            status: 'open',
            repeatIndex: 1,
            stepIndex: 2,
          });
        }
      } finally {
        await close();
      }
    }, 60_000);

    it('delivers a first step once when one instance opens pages while the other runs the job', async () => {
      const PAGES = 20;
      const { a, b, notifications, close } = await twoInstances(
        policy([step(0, user(ALICE)), step(5, schedule(PRIMARY))]),
      );
      try {
        let opening = true;
        const job = (async () => {
          while (opening) await b.runDue();
        })();
        await Promise.all(
          Array.from({ length: PAGES }, () => a.open(request, ALICE)),
        );
        opening = false;
        await job;
        const counts = sendsPerStep(notifications.sent);
        expect(counts.size).toBe(PAGES);
        expect([...counts.values()].every(count => count === 1)).toBe(true);
      } finally {
        await close();
      }
    }, 60_000);
  },
);
