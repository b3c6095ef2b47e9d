/*
 * The Alertmanager intake end to end through the service, on SQLite and
 * PostgreSQL, with the labels Sloth-generated SLO alerts really carry.
 */
import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { incidentsMigrations } from '../database/DatabaseIncidentStore';
import {
  TestAlert,
  slothPayload,
  webhookPayload,
} from '../__testUtils__/alertmanager';
import {
  ALICE,
  MINUTE,
  SCORING,
  at,
  firing,
  setupIntake,
} from '../__testUtils__/services';

const CORRELATION_MIGRATION =
  '20261203000000_correlation_and_acknowledgement.js';

const databases = testDatabases();

const setup = (databaseId: TestDatabaseId, configData: object = {}) =>
  setupIntake(databases, databaseId, configData);
const resolved = (
  fingerprint: string,
  minute: number,
  end: number,
): TestAlert => ({
  fingerprint,
  status: 'resolved',
  startsAt: at(minute),
  endsAt: at(end),
});

describe.each(databases.eachSupportedId())('on %s', databaseId => {
  it('adds and removes the correlation migration’s tables and columns', async () => {
    const knex = await databases.init(databaseId);
    await incidentsMigrations.migrate(knex);
    expect(await knex.schema.hasColumn('incidents', 'acknowledged_by')).toBe(
      true,
    );
    // Down to before it: the migrations after it first, newest first.
    const { directory } = incidentsMigrations;
    const [completed] = await knex.migrate.list({ directory });
    const undo = completed.filter(
      (m: { name: string }) => m.name >= CORRELATION_MIGRATION,
    ).length;
    for (let i = 0; i < undo; i++) await knex.migrate.down({ directory });
    expect(await knex.schema.hasColumn('incidents', 'acknowledged_by')).toBe(
      false,
    );
    expect(
      await knex.schema.hasColumn('incident_alert_groups', 'truncated_alerts'),
    ).toBe(false);
    expect(await knex.schema.hasTable('incident_pending_resolutions')).toBe(
      false,
    );
    // The older tables and their data survive the way down.
    expect(await knex.schema.hasTable('incidents')).toBe(true);
    await incidentsMigrations.migrate(knex);
    expect(await knex.schema.hasTable('incident_alert_correlations')).toBe(
      true,
    );
  });

  describe('one problem, one incident', () => {
    it('attaches an SLO’s page alert to the incident its ticket alert opened and raises the severity', async () => {
      const { ingest, all, store, tick } = await setup(databaseId);
      const ticket = await ingest(slothPayload('ticket', [firing('t1', 0)]));
      expect(ticket.action).toBe('opened');
      tick(MINUTE);
      const page = await ingest(slothPayload('page', [firing('p1', 2)]));
      expect(page).toMatchObject({
        action: 'updated',
        incidentId: ticket.incidentId,
      });

      const incidents = await all();
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({
        severity: 'SEV2',
        entityRefs: [SCORING],
        // Detected with the first alert; nobody has acknowledged it.
        timestamps: { detectedAt: '2026-11-01T09:00:00.123Z' },
      });
      expect(incidents[0].timestamps.acknowledgedAt).toBeUndefined();
      const timeline = await store.getTimeline(ticket.incidentId!);
      expect(
        timeline.map(e =>
          e.type === 'severity_changed'
            ? `${e.type}:${e.from}->${e.to}:${e.actor}`
            : `${e.type}:${'fingerprint' in e ? e.fingerprint : ''}`,
        ),
      ).toEqual([
        'alert_attached:t1',
        'alert_attached:p1',
        'severity_changed:SEV3->SEV2:alertmanager',
      ]);

      // Both groups now feed the one incident: the page alert's resolution
      // and the ticket's repeat land there; another SLO is another problem.
      tick(MINUTE);
      expect(
        (await ingest(slothPayload('page', [resolved('p1', 2, 9)]))).incidentId,
      ).toBe(ticket.incidentId);
      expect(
        (await ingest(slothPayload('ticket', [firing('t1', 0)]))).action,
      ).toBe('unchanged');
      const latency = await ingest(
        slothPayload('page', [firing('l1', 5)], { slo: 'latency' }),
      );
      expect(latency.action).toBe('opened');
      expect(await all()).toHaveLength(2);
      expect(
        (await store.getAlerts(ticket.incidentId!)).map(a => [
          a.fingerprint,
          a.status,
        ]),
      ).toEqual([
        ['t1', 'firing'],
        ['p1', 'resolved'],
      ]);
    });

    it('opens exactly one incident when the page and ticket groups arrive at once', async () => {
      for (let round = 0; round < 3; round++) {
        const { ingest, all, store } = await setup(databaseId);
        const results = await Promise.all([
          ingest(slothPayload('page', [firing('p1', 1)])),
          ingest(slothPayload('ticket', [firing('t1', 0)])),
          ingest(slothPayload('page', [firing('p1', 1)])),
          ingest(slothPayload('ticket', [firing('t1', 0)])),
        ]);
        expect(results.filter(r => r.action === 'opened')).toHaveLength(1);
        const incidents = await all();
        expect(incidents).toHaveLength(1);
        expect(incidents[0].severity).toBe('SEV2');
        expect(
          (await store.getAlerts(incidents[0].id))
            .map(a => a.fingerprint)
            .sort(),
        ).toEqual(['p1', 't1']);
      }
    });

    it('keeps one incident per group for alerts without the correlation labels, or when it is turned off', async () => {
      const noSlo = { sloth_slo: '', sloth_id: '' };
      const plain = await setup(databaseId);
      await plain.ingest(
        webhookPayload([{ ...firing('a', 0), labels: noSlo }], {
          groupKey: 'g1',
          commonLabels: {},
        }),
      );
      await plain.ingest(
        webhookPayload([{ ...firing('b', 0), labels: noSlo }], {
          groupKey: 'g2',
          commonLabels: {},
        }),
      );
      expect(await plain.all()).toHaveLength(2);

      const off = await setup(databaseId, {
        alertmanager: { correlationLabels: [] },
      });
      await off.ingest(slothPayload('ticket', [firing('t1', 0)]));
      await off.ingest(slothPayload('page', [firing('p1', 1)]));
      expect((await off.all()).map(i => i.severity).sort()).toEqual([
        'SEV2',
        'SEV3',
      ]);
    });

    it('opens a new incident for the problem once its incident is closed', async () => {
      const { ingest, all, incidents } = await setup(databaseId, {
        allowCloseWithoutPublishedPostmortem: true,
      });
      const first = await ingest(slothPayload('page', [firing('p1', 0)]));
      const { incident } = await incidents.getStored(first.incidentId!);
      await incidents.update(
        incident.id,
        { status: 'resolved', expectedVersion: 1 },
        ALICE,
        mockCredentials.user(ALICE),
      );
      await incidents.update(
        incident.id,
        { status: 'closed', expectedVersion: 2 },
        ALICE,
        mockCredentials.user(ALICE),
      );
      const next = await ingest(slothPayload('ticket', [firing('t1', 30)]));
      expect(next.action).toBe('opened');
      const again = await ingest(slothPayload('page', [firing('p1', 40)]));
      expect(again).toMatchObject({
        action: 'updated',
        incidentId: next.incidentId,
      });
      expect(await all()).toHaveLength(2);
    });
  });

  describe('a resolution before its firing', () => {
    it('lands the late firing resolved instead of firing forever', async () => {
      const { ingest, store, all } = await setup(databaseId);
      const early = await ingest(slothPayload('page', [resolved('p1', 0, 4)]));
      expect(early).toMatchObject({
        action: 'ignored',
        outcomes: [{ fingerprint: 'p1', outcome: 'unknown_resolved' }],
      });
      const late = await ingest(slothPayload('page', [firing('p1', 0)]));
      expect(late).toMatchObject({
        action: 'opened',
        outcomes: [{ fingerprint: 'p1', outcome: 'already_resolved' }],
      });
      const id = late.incidentId!;
      expect(await store.getAlerts(id)).toEqual([
        expect.objectContaining({
          fingerprint: 'p1',
          status: 'resolved',
          endsAt: at(4),
        }),
      ]);
      expect((await store.getTimeline(id)).map(e => e.type)).toEqual([
        'alert_attached',
        'alert_resolved',
      ]);
      // Alertmanager re-sends the late firing: still resolved, and the
      // remembered resolution has been used up.
      expect(
        (await ingest(slothPayload('page', [firing('p1', 0)]))).action,
      ).toBe('unchanged');
      expect((await store.getAlerts(id))[0].status).toBe('resolved');
      expect(await all()).toHaveLength(1);
    });

    it('opens the incident resolved when configured to resolve with its alerts', async () => {
      const { ingest, incidents } = await setup(databaseId, {
        alertmanager: { resolveIncidentWhenAllResolved: true },
      });
      await ingest(slothPayload('page', [resolved('p1', 0, 4)]));
      const late = await ingest(slothPayload('page', [firing('p1', 0)]));
      const { incident } = await incidents.getStored(late.incidentId!);
      expect(incident.status).toBe('resolved');
      expect(incident.timestamps.resolvedAt).toBeDefined();
    });

    it('still fires a later instance of the same alert', async () => {
      const { ingest, store } = await setup(databaseId);
      await ingest(slothPayload('page', [resolved('p1', 0, 4)]));
      const later = await ingest(slothPayload('page', [firing('p1', 20)]));
      expect(later.outcomes[0].outcome).toBe('new_firing');
      expect((await store.getAlerts(later.incidentId!))[0].status).toBe(
        'firing',
      );
    });
  });

  it('records truncated notifications on the timeline once per change', async () => {
    const { ingest, store } = await setup(databaseId);
    const opened = await ingest(
      slothPayload('page', [firing('p1', 0)], { truncatedAlerts: 4 }),
    );
    await ingest(
      slothPayload('page', [firing('p1', 0)], { truncatedAlerts: 4 }),
    );
    await ingest(
      slothPayload('page', [firing('p1', 0)], { truncatedAlerts: 7 }),
    );
    const truncations = (await store.getTimeline(opened.incidentId!)).filter(
      e => e.type === 'alerts_truncated',
    );
    expect(truncations).toEqual([
      expect.objectContaining({ truncatedAlerts: 4, receivedAlerts: 1 }),
      expect.objectContaining({ truncatedAlerts: 7, receivedAlerts: 1 }),
    ]);
  });
});
