import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  IncidentAlert,
  declareIncident,
} from '@vigil/backstage-plugin-incidents-common';
import {
  DatabaseIncidentStore,
  incidentsMigrations,
} from '../../DatabaseIncidentStore';
import type { AlertGroupDecision, AlertGroupState } from '../../IncidentStore';
import { countQueries } from '../../../__testUtils__/store';
import { hashAlertInstance, hashCorrelationKey } from './processAlertGroup';

const databases = testDatabases();

const NOW = Date.parse('2026-11-01T10:00:00Z');
const STARTS = '2026-11-01T09:58:00.123456789Z';
const PROBLEM =
  'component:default/scoring-api sloth_id="scoring-api-availability"';

function alert(
  fingerprint: string,
  status: 'firing' | 'resolved' = 'firing',
): IncidentAlert {
  return {
    fingerprint,
    status,
    startsAt: STARTS,
    labels: { alertname: 'ScoringApiAvailabilityBudgetBurn' },
  };
}

/**
 * What the intake decides, reduced to the store's concern: open an incident
 * when there is none to take the alert, else attach the alert to it.
 */
function attachOrOpen(id: string, fingerprint: string) {
  const seen: AlertGroupState[] = [];
  const decide = (state: AlertGroupState): AlertGroupDecision => {
    seen.push(state);
    const event = {
      type: 'alert_attached' as const,
      at: STARTS,
      actor: 'alertmanager',
      fingerprint,
      labels: {},
      startsAt: STARTS,
    };
    if (state.stored && state.stored.incident.status !== 'closed') {
      return { events: [event], alerts: [alert(fingerprint)] };
    }
    const { incident } = declareIncident(
      {
        title: 'Scoring API burns its budget',
        severity: 'SEV3',
        entityRefs: ['component:default/scoring-api'],
        detectedAt: STARTS,
      },
      id,
      'alertmanager',
      new Date(NOW).toISOString(),
      { source: 'alertmanager' },
    );
    return {
      open: { incident, ownerRefs: ['group:default/payments'] },
      events: [event],
      alerts: [alert(fingerprint)],
    };
  };
  return { decide, seen };
}

describe.each(databases.eachSupportedId())(
  'processAlertGroup on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      await incidentsMigrations.migrate(knex);
      return { knex, store: new DatabaseIncidentStore(knex) };
    }

    it('gives the first deliveries of several groups of one problem, all at once, one incident', async () => {
      const { knex, store } = await setup();
      // The problem's row exists without an incident (a resolution came
      // first): only its row lock, not the insert, serializes the groups.
      await store.processAlertGroup(
        {
          groupKey: 'early',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        () => ({ events: [], alerts: [] }),
      );
      const groups = Array.from({ length: 6 }, (_, i) => `group-${i}`);
      const results = await Promise.all(
        groups.map((groupKey, i) =>
          store.processAlertGroup(
            {
              groupKey,
              correlationKey: PROBLEM,
              firingAlerts: [],
              now: NOW,
            },
            attachOrOpen(`incident-${i}`, `fp-${i}`).decide,
          ),
        ),
      );
      expect(results.filter(r => r.opened)).toHaveLength(1);
      const incidentId = results.find(r => r.opened)!.incidentId;
      expect(new Set(results.map(r => r.incidentId))).toEqual(
        new Set([incidentId]),
      );
      expect(Number((await knex('incidents').count({ n: '*' }))[0].n)).toBe(1);
      expect(
        await knex('incident_alert_groups')
          .whereIn('group_key', groups)
          .pluck('incident_id'),
      ).toEqual(groups.map(() => incidentId));
      expect(
        await knex('incident_alert_correlations')
          .where({ correlation_key_hash: hashCorrelationKey(PROBLEM) })
          .pluck('incident_id'),
      ).toEqual([incidentId]);
      expect(
        (await store.getAlerts(incidentId!)).map(a => a.fingerprint).sort(),
      ).toEqual(groups.map((_, i) => `fp-${i}`).sort());
    });

    it('reads a group’s open incident with its alerts in one query, and nothing once it is closed', async () => {
      const { knex, store } = await setup();
      expect(await store.readAlertGroup('g')).toBeUndefined();
      await store.processAlertGroup(
        { groupKey: 'g', firingAlerts: [], now: NOW },
        attachOrOpen('incident-1', 'fp-1').decide,
      );
      const ENDS = '2026-11-01T09:59:00Z';
      await store.processAlertGroup(
        { groupKey: 'g', firingAlerts: [], now: NOW },
        () => ({
          events: [],
          alerts: [{ ...alert('fp-2', 'resolved'), endsAt: ENDS }],
          truncatedAlerts: 2,
        }),
      );
      const read = await countQueries(knex, () => store.readAlertGroup('g'));
      expect(read.queries).toBe(1);
      expect(read.result).toMatchObject({
        stored: {
          incident: { id: 'incident-1', status: 'investigating' },
          ownerRefs: ['group:default/payments'],
        },
        lastTruncatedAlerts: 2,
      });
      expect(
        [...read.result!.knownAlerts].sort(([x], [y]) => x.localeCompare(y)),
      ).toEqual([
        ['fp-1', { status: 'firing', startsAt: STARTS }],
        ['fp-2', { status: 'resolved', startsAt: STARTS, endsAt: ENDS }],
      ]);

      await store.mutateIncident('incident-1', current => ({
        ok: true,
        incident: {
          ...current.incident,
          status: 'closed',
          version: current.incident.version + 1,
        },
        events: [],
        changed: true,
      }));
      expect(await store.readAlertGroup('g')).toBeUndefined();
    });

    it('keeps one incident per group without a correlation key', async () => {
      const { knex, store } = await setup();
      await Promise.all(
        ['a', 'b', 'c'].map(groupKey =>
          store.processAlertGroup(
            { groupKey, firingAlerts: [], now: NOW },
            attachOrOpen(`incident-${groupKey}`, `fp-${groupKey}`).decide,
          ),
        ),
      );
      expect(Number((await knex('incidents').count({ n: '*' }))[0].n)).toBe(3);
    });

    it('attaches a group to its problem’s open incident, and no longer once it is closed', async () => {
      const { store } = await setup();
      const first = await store.processAlertGroup(
        {
          groupKey: 'page',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        attachOrOpen('incident-1', 'fp-page').decide,
      );
      const ticket = attachOrOpen('incident-2', 'fp-ticket');
      const second = await store.processAlertGroup(
        {
          groupKey: 'ticket',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        ticket.decide,
      );
      expect(ticket.seen[0]).toMatchObject({
        correlated: true,
        stored: { incident: { id: 'incident-1' } },
      });
      expect(second).toMatchObject({ opened: false, incidentId: 'incident-1' });
      // Now the ticket group's own incident: not correlated any more.
      const again = attachOrOpen('incident-3', 'fp-ticket-2');
      await store.processAlertGroup(
        {
          groupKey: 'ticket',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        again.decide,
      );
      expect(again.seen[0]).toMatchObject({
        correlated: false,
        stored: { incident: { id: 'incident-1' } },
      });
      expect(first.incidentId).toBe('incident-1');

      await store.mutateIncident('incident-1', current => ({
        ok: true,
        incident: {
          ...current.incident,
          status: 'closed',
          version: current.incident.version + 1,
        },
        events: [],
        changed: true,
      }));
      const afterClose = await store.processAlertGroup(
        {
          groupKey: 'latency',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        attachOrOpen('incident-4', 'fp-4').decide,
      );
      expect(afterClose).toMatchObject({
        opened: true,
        incidentId: 'incident-4',
      });
      // The page group's next firing finds the problem's new incident.
      const page = attachOrOpen('incident-5', 'fp-page-2');
      const pageAgain = await store.processAlertGroup(
        {
          groupKey: 'page',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        page.decide,
      );
      expect(pageAgain).toMatchObject({
        opened: false,
        incidentId: 'incident-4',
      });
    });

    it('does not attach a group to its problem’s incident when it adds nothing', async () => {
      const { knex, store } = await setup();
      await store.processAlertGroup(
        {
          groupKey: 'page',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        attachOrOpen('incident-1', 'fp-page').decide,
      );
      const outcome = await store.processAlertGroup(
        {
          groupKey: 'ticket',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        () => ({ events: [], alerts: [] }),
      );
      expect(outcome).toEqual({ opened: false, events: [] });
      expect(
        await knex('incident_alert_groups')
          .where({ group_key: 'ticket' })
          .pluck('incident_id'),
      ).toEqual([null]);
    });

    it('remembers early resolutions, hands them to the late firing and forgets applied ones', async () => {
      const { knex, store } = await setup();
      await store.processAlertGroup(
        { groupKey: 'g', firingAlerts: [], now: NOW },
        () => ({
          events: [],
          alerts: [],
          rememberResolutions: [
            {
              fingerprint: 'fp-1',
              startsAt: STARTS,
              endsAt: '2026-11-01T09:59:00Z',
            },
            { fingerprint: 'fp-2', startsAt: STARTS },
          ],
        }),
      );
      expect(
        await knex('incident_pending_resolutions').pluck('alert_key_hash'),
      ).toHaveLength(2);

      let state: AlertGroupState | undefined;
      await store.processAlertGroup(
        {
          groupKey: 'g',
          firingAlerts: [
            // Same instance, written with another precision: same start.
            { fingerprint: 'fp-1', startsAt: '2026-11-01T09:58:00.123Z' },
            // Another instance of fp-2 (a later start): not its resolution.
            { fingerprint: 'fp-2', startsAt: '2026-11-01T09:59:30Z' },
          ],
          now: NOW,
        },
        s => {
          state = s;
          return {
            ...attachOrOpen('incident-1', 'fp-1').decide(s),
            appliedResolutions: ['fp-1'],
          };
        },
      );
      expect([...state!.pendingResolutions]).toEqual([
        ['fp-1', { startsAt: STARTS, endsAt: '2026-11-01T09:59:00Z' }],
      ]);
      expect(
        await knex('incident_pending_resolutions').pluck('alert_key_hash'),
      ).toEqual([hashAlertInstance('fp-2', STARTS)]);
    });

    it('remembers the group’s truncation count', async () => {
      const { knex, store } = await setup();
      const seen: number[] = [];
      for (const truncatedAlerts of [3, 3, 0]) {
        await store.processAlertGroup(
          { groupKey: 'g', firingAlerts: [], now: NOW },
          s => {
            seen.push(s.lastTruncatedAlerts);
            return {
              ...attachOrOpen('incident-1', 'fp-1').decide(s),
              truncatedAlerts,
            };
          },
        );
      }
      expect(seen).toEqual([0, 3, 3]);
      expect(
        await knex('incident_alert_groups').pluck('truncated_alerts'),
      ).toEqual([0]);
    });

    it('takes concurrent deliveries of a problem’s groups and people’s changes to its incident without deadlock', async () => {
      const { store } = await setup();
      await store.processAlertGroup(
        {
          groupKey: 'page',
          correlationKey: PROBLEM,
          firingAlerts: [],
          now: NOW,
        },
        attachOrOpen('incident-1', 'fp-0').decide,
      );
      const work: Array<Promise<unknown>> = [];
      for (let i = 1; i <= 8; i++) {
        work.push(
          store.processAlertGroup(
            {
              groupKey: i % 2 ? 'page' : `ticket-${i}`,
              correlationKey: PROBLEM,
              firingAlerts: [{ fingerprint: `fp-${i}`, startsAt: STARTS }],
              now: NOW,
            },
            attachOrOpen(`incident-x${i}`, `fp-${i}`).decide,
          ),
          store.mutateIncident('incident-1', current => ({
            ok: true,
            incident: current.incident,
            events: [
              {
                type: 'note',
                at: STARTS,
                actor: 'user:default/a',
                text: `${i}`,
              },
            ],
            changed: false,
          })),
        );
      }
      await Promise.all(work);
      expect((await store.getAlerts('incident-1')).length).toBe(9);
      expect((await store.getTimeline('incident-1')).length).toBe(17);
    });
  },
);
