/*
 * Acknowledgement, command and MTTA end to end through the Alertmanager
 * intake and the incidents service, on SQLite and PostgreSQL, with the
 * labels Sloth-generated SLO alerts really carry.
 */
import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { InputError } from '@backstage/errors';
import { slothPayload } from '../__testUtils__/alertmanager';
import {
  ALICE,
  MINUTE,
  SCORING,
  firing,
  setupIntake,
} from '../__testUtils__/services';
import { VersionConflictError } from './IncidentsService';

const databases = testDatabases();

const setup = (databaseId: TestDatabaseId, configData: object = {}) =>
  setupIntake(databases, databaseId, configData);

describe.each(databases.eachSupportedId())('on %s', databaseId => {
  describe('acknowledgement, command and MTTA', () => {
    it('counts MTTA from the first alert to the acknowledgement, leaving unacknowledged incidents out', async () => {
      const { ingest, incidents, tick } = await setup(databaseId);
      const opened = await ingest(slothPayload('page', [firing('p1', 55)]));
      await ingest(
        slothPayload('page', [firing('l1', 50)], { slo: 'latency' }),
      );
      const period = {
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-02T00:00:00Z',
      };
      // Nobody acknowledged either: no MTTA (not 0, not NaN).
      expect((await incidents.metrics(period)).metrics.mttaMs).toBeUndefined();

      tick(7 * MINUTE);
      const acknowledged = await incidents.acknowledge(
        opened.incidentId!,
        1,
        ALICE,
      );
      expect(acknowledged.incident).toMatchObject({
        acknowledgedBy: ALICE,
        version: 2,
        timestamps: { acknowledgedAt: '2026-11-01T10:07:00.000Z' },
      });
      // From 09:55:00.123 (the alert started) to 10:07.
      expect((await incidents.metrics(period)).metrics.mttaMs).toBe(
        12 * MINUTE - 123,
      );

      const again = await incidents
        .acknowledge(opened.incidentId!, 2, ALICE)
        .catch(e => e);
      expect(again).toBeInstanceOf(VersionConflictError);
      expect(again.message).toMatch(/already acknowledged/);
      expect(again.current.incident.version).toBe(2);
    });

    it('makes the caller commander once, and refuses a second one with the current state', async () => {
      const { ingest, incidents, store } = await setup(databaseId);
      const { incidentId } = await ingest(
        slothPayload('page', [firing('p1', 0)]),
      );
      const results = await Promise.allSettled([
        incidents.takeCommand(incidentId!, 1, ALICE),
        incidents.takeCommand(incidentId!, 1, 'user:default/bob'),
      ]);
      expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find(
        (r): r is PromiseRejectedResult => r.status === 'rejected',
      )!;
      expect(refused.reason).toBeInstanceOf(VersionConflictError);
      const { incident } = await incidents.getStored(incidentId!);
      expect(incident.roleHistory).toHaveLength(1);
      expect(incident.timestamps.acknowledgedAt).toBeDefined();
      expect(
        (await store.getTimeline(incidentId!)).map(e => e.type).slice(-2),
      ).toEqual(['role_assigned', 'acknowledged']);
      const late = await incidents
        .takeCommand(incidentId!, incident.version, 'user:default/carol')
        .catch(e => e);
      expect(late).toBeInstanceOf(VersionConflictError);
      expect(late.message).toMatch(/already has a commander/);
    });

    it('refuses a detection time after the declaration', async () => {
      const { incidents } = await setup(databaseId);
      const declare = (detectedAt: string) =>
        incidents.declare(
          { title: 'x', severity: 'SEV3', entityRefs: [SCORING], detectedAt },
          ALICE,
          mockCredentials.user(ALICE),
        );
      await expect(declare('2026-11-01T10:30:00Z')).rejects.toThrow(InputError);
      // A minute of clock skew is forgiven (clamped to the declaration).
      const skewed = await declare('2026-11-01T10:01:00Z');
      expect(skewed.incident.timestamps.detectedAt).toBe(
        '2026-11-01T10:00:00.000Z',
      );
    });
  });
});
