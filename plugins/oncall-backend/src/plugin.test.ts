import path from 'node:path';
import { itRunsOnTheRequiredDatabase } from '@vigil/backend-kit/testUtils';
import { testBackends } from './__testUtils__/backend';
import {
  ALICE,
  CAROL,
  PAYMENTS,
  SCORING_API,
  SRE,
} from './__testUtils__/catalog';
import { sreSchedule } from './__testUtils__/requests';
import { OnCallSeeder } from './service/OnCallSeeder';

const { databases, startBackend } = testBackends();
const seedFile = path.resolve(__dirname, '../../../ops/oncall/demo-seed.yaml');

describe('the on-call plugin', () => {
  itRunsOnTheRequiredDatabase(databases);

  it.each(databases.eachSupportedId())(
    'seeds the demo organisation once, and the scoring API pages payments on %s',
    async databaseId => {
      const backend = await startBackend({
        databaseId,
        config: { vigil: { oncall: { seedFile } } },
      });
      const alice = backend.as(ALICE);
      // Seeded shifts are nobody's news.
      expect(backend.sent).toEqual([]);
      const schedules = await alice.get('/schedules');
      expect(schedules.body.items.map((s: any) => s.name).sort()).toEqual([
        'Payments daily',
        'SRE follow-the-sun',
        'SRE secondary (business hours)',
      ]);
      const policies = await alice.get('/policies');
      expect(policies.body.items).toEqual([
        expect.objectContaining({
          ownerRef: PAYMENTS,
          name: 'Payments escalation',
        }),
        expect.objectContaining({ ownerRef: SRE, name: 'SRE escalation' }),
      ]);
      const onCall = await alice.get(`/on-call?entityRef=${SCORING_API}`);
      expect(onCall.body).toMatchObject({
        ownerRef: PAYMENTS,
        policy: { name: 'Payments escalation' },
        schedules: [{ scheduleName: 'Payments daily', userRefs: [CAROL] }],
      });
      // Follow the sun: someone is always on call for SRE.
      const sre = schedules.body.items.find(
        (s: any) => s.name === 'SRE follow-the-sun',
      );
      const timeline = await alice.get(`/schedules/${sre.id}/timeline`);
      expect(timeline.body.gaps).toEqual([]);

      // Seeding again creates nothing (matched by owner and name).
      const seeder = new OnCallSeeder({
        store: backend.store,
        logger: { info: jest.fn() } as any,
      });
      await expect(seeder.seedFromFile(seedFile)).resolves.toBeUndefined();
      expect((await alice.get('/schedules')).body.total).toBe(3);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'edits a schedule with optimistic concurrency on %s',
    async databaseId => {
      const alice = (await startBackend({ databaseId })).as(ALICE);
      const { body } = await alice.post('/schedules').send(sreSchedule());
      const edit = { ...sreSchedule(), version: 1 };
      expect((await alice.put(`/schedules/${body.id}`).send(edit)).status).toBe(
        200,
      );
      expect((await alice.put(`/schedules/${body.id}`).send(edit)).status).toBe(
        409,
      );
    },
    60_000,
  );

  it('refuses a seed file with a bad schedule, naming the field', async () => {
    const seeder = new OnCallSeeder({
      store: { listSchedules: async () => ({ items: [], total: 0 }) } as any,
      logger: { info: jest.fn() } as any,
    });
    await expect(
      seeder.seed({ schedules: [{ ...sreSchedule(), timeZone: 'Nowhere' }] }),
    ).rejects.toThrow(/schedules\[0\]: timeZone/);
  });
});
