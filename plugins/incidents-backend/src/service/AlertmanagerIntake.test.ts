import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { parseAlertmanagerPayload } from '@vigil/backstage-plugin-incidents-common';
import {
  GROUP_KEY,
  TestAlert,
  webhookPayload,
} from '../__testUtils__/alertmanager';
import { countQueries } from '../__testUtils__/store';
import {
  ALICE,
  SCORING,
  scoringApi,
  scoringComponent,
  setupServices,
} from '../__testUtils__/services';
import type { AlertmanagerIntake } from './AlertmanagerIntake';

// The test command sets VIGIL_REQUIRE_POSTGRES so CI never skips PostgreSQL.
const databases = testDatabases();

const setup = (databaseId: TestDatabaseId, configData: object = {}) =>
  setupServices(
    databases,
    databaseId,
    [scoringComponent, scoringApi],
    configData,
  );

describe.each(databases.eachSupportedId())('incidents on %s', databaseId => {
  describe('Alertmanager intake', () => {
    const at = (minute: number) =>
      `2026-11-01T09:${String(minute).padStart(2, '0')}:00.123456789Z`;
    const ingest = (
      alertmanager: AlertmanagerIntake,
      alerts: TestAlert[],
      options = {},
    ) => {
      const parsed = parseAlertmanagerPayload(webhookPayload(alerts, options));
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      return alertmanager.ingestAlertmanager(parsed.payload);
    };
    const a = (minute: number): TestAlert => ({
      fingerprint: 'a1',
      status: 'firing',
      startsAt: at(minute),
    });
    const b = (minute: number): TestAlert => ({
      fingerprint: 'b2',
      status: 'firing',
      startsAt: at(minute),
    });
    const resolved = (alert: TestAlert, minute: number): TestAlert => ({
      ...alert,
      status: 'resolved',
      endsAt: at(minute),
    });

    it('opens one incident per group, appends, ignores repeats and old news, tracks alerts', async () => {
      const { incidents, alertmanager, store } = await setup(databaseId);
      const opened = await ingest(alertmanager, [a(0)]);
      expect(opened.action).toBe('opened');
      const id = opened.incidentId!;
      const incident = (await incidents.getStored(id)).incident;
      expect(incident).toMatchObject({
        title: 'Scoring API is burning its availability error budget',
        severity: 'SEV2',
        entityRefs: [SCORING],
        alertGroupKey: GROUP_KEY,
        timestamps: { detectedAt: '2026-11-01T09:00:00.123Z' },
      });

      // Repeat (group_interval re-send): nothing changes.
      expect((await ingest(alertmanager, [a(0)])).action).toBe('unchanged');
      // A second alert joins the group.
      expect((await ingest(alertmanager, [a(0), b(3)])).action).toBe('updated');
      // Out of order: the older one-alert notification arrives late.
      expect((await ingest(alertmanager, [a(0)])).action).toBe('unchanged');
      // One resolves; Alertmanager keeps sending the group until all do.
      expect(
        (await ingest(alertmanager, [resolved(a(0), 5), b(3)])).action,
      ).toBe('updated');
      expect(
        (await ingest(alertmanager, [resolved(a(0), 5), resolved(b(3), 6)]))
          .action,
      ).toBe('updated');
      // Exact duplicate of the last (an HA pair sends twice).
      expect(
        (await ingest(alertmanager, [resolved(a(0), 5), resolved(b(3), 6)]))
          .action,
      ).toBe('unchanged');

      const timeline = await store.getTimeline(id);
      expect(
        timeline.map(
          e => `${e.type}:${'fingerprint' in e ? e.fingerprint : ''}`,
        ),
      ).toEqual([
        'alert_attached:a1',
        'alert_attached:b2',
        'alert_resolved:a1',
        'alert_resolved:b2',
      ]);
      const alerts = await store.getAlerts(id);
      expect(alerts.map(x => [x.fingerprint, x.status])).toEqual([
        ['a1', 'resolved'],
        ['b2', 'resolved'],
      ]);
      // Not resolved on its own unless configured.
      expect((await incidents.getStored(id)).incident.status).toBe(
        'investigating',
      );
      const list = await store.listIncidents({
        status: 'all',
        limit: 10,
        offset: 0,
      });
      expect(list.totalCount).toBe(1);
    });

    it('answers an exact repeat with one read and no transaction, until the incident is closed', async () => {
      const { alertmanager, incidents, knex } = await setup(databaseId, {
        allowCloseWithoutPublishedPostmortem: true,
      });
      const opened = await ingest(alertmanager, [a(0), b(3)]);
      for (const alerts of [
        [a(0), b(3)],
        // Older news: the late one-alert notification.
        [a(0)],
      ]) {
        const repeat = await countQueries(knex, () =>
          ingest(alertmanager, alerts),
        );
        expect(repeat.result).toMatchObject({
          action: 'unchanged',
          incidentId: opened.incidentId,
        });
        expect(repeat.queries).toBe(1);
      }
      const change = await countQueries(knex, () =>
        ingest(alertmanager, [resolved(a(0), 5), b(3)]),
      );
      expect(change.result.action).toBe('updated');
      // The unlocked read, then in the transaction: the group's row, its
      // problem's row, the incident with its alerts; the timeline, the
      // alerts, the group's row.
      expect(change.queries).toBe(9);

      for (const status of ['resolved', 'closed'] as const) {
        const { version } = (await incidents.getStored(opened.incidentId!))
          .incident;
        await incidents.update(
          opened.incidentId!,
          { status, expectedVersion: version },
          ALICE,
          mockCredentials.user(ALICE),
        );
      }
      // The same notification again: a closed incident takes no alerts.
      const again = await ingest(alertmanager, [resolved(a(0), 5), b(3)]);
      expect(again.action).toBe('opened');
      expect(again.incidentId).not.toBe(opened.incidentId);
    });

    it('takes the same notification delivered concurrently once', async () => {
      const { alertmanager, store } = await setup(databaseId);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => ingest(alertmanager, [a(0), b(0)])),
      );
      expect(results.filter(r => r.action === 'opened')).toHaveLength(1);
      const list = await store.listIncidents({
        status: 'all',
        limit: 10,
        offset: 0,
      });
      expect(list.totalCount).toBe(1);
      expect(await store.getTimeline(list.items[0].id)).toHaveLength(2);
    });

    it('resolves when configured, reopens on refire, and opens anew after close', async () => {
      const { incidents, alertmanager } = await setup(databaseId, {
        allowCloseWithoutPublishedPostmortem: true,
        alertmanager: { resolveIncidentWhenAllResolved: true },
      });
      const { incidentId } = await ingest(alertmanager, [a(0)]);
      await ingest(alertmanager, [resolved(a(0), 4)]);
      const resolvedIncident = (await incidents.getStored(incidentId!))
        .incident;
      expect(resolvedIncident.status).toBe('resolved');
      expect(resolvedIncident.timestamps.resolvedAt).toBeDefined();
      await ingest(alertmanager, [a(10)]);
      expect((await incidents.getStored(incidentId!)).incident.status).toBe(
        'investigating',
      );
      await ingest(alertmanager, [resolved(a(10), 12)]);
      const v = (await incidents.getStored(incidentId!)).incident.version;
      await incidents.update(
        incidentId!,
        { status: 'closed', expectedVersion: v },
        ALICE,
        mockCredentials.user(ALICE),
      );
      const next = await ingest(alertmanager, [a(20)]);
      expect(next.action).toBe('opened');
      expect(next.incidentId).not.toBe(incidentId);
    });

    it('counts truncated alerts and opens nothing for an unknown service without a fallback', async () => {
      const { alertmanager } = await setup(databaseId);
      const truncated = await ingest(alertmanager, [a(0)], {
        truncatedAlerts: 3,
      });
      expect(truncated.warnings[0]).toMatch(/3 alert\(s\) were truncated/);
      const unknown = await ingest(
        alertmanager,
        [{ ...a(0), fingerprint: 'u1', labels: { sloth_service: 'nope' } }],
        {
          groupKey: 'other',
          commonLabels: { alertname: 'X', sloth_service: 'nope' },
        },
      );
      expect(unknown.action).toBe('ignored');
    });
  });
});
