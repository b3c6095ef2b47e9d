import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import { migratedStore } from '../../database/__testUtils__/fixtures';
import { EscalationRunner } from './EscalationRunner';
import { EscalationTelemetry } from './EscalationTelemetry';
import {
  ALICE,
  FakeDirectory,
  group,
  MINUTE,
  PAYMENTS,
  pagerOn,
  policy,
  SCORING,
  step,
  T0,
  testClock,
  user,
} from './__testUtils__/pagerFixtures';

const databases = testDatabases();

/** Counter additions by name and attributes; the gauges' callbacks to read them. */
function recordingMetrics() {
  const counts = new Map<string, number>();
  const gauges = new Map<string, (result: object) => void>();
  const metrics = {
    createCounter: (name: string) => ({
      add: (value: number, attributes: object = {}) => {
        const key = `${name}${JSON.stringify(attributes)}`;
        counts.set(key, (counts.get(key) ?? 0) + value);
      },
    }),
    createObservableGauge: (name: string) => ({
      addCallback: (callback: (result: object) => void) =>
        gauges.set(name, callback),
    }),
  } as unknown as MetricsService;
  /** What a scrape of the gauge would observe now. */
  const observe = (name: string) => {
    const observed: Record<string, number> = {};
    gauges.get(name)?.({
      observe: (value: number, attributes: { severity: string }) => {
        observed[attributes.severity] = value;
      },
    });
    return observed;
  };
  return { metrics, counts, observe };
}

const SENT = 'vigil_notifications_sent{"channel":"oncall-page"}';
const FAILED = 'vigil_notifications_failures{"channel":"oncall-page"}';
const request = {
  entityRef: SCORING,
  title: 'SEV2: Scoring API errors',
  severity: 'high' as const,
};

describe.each(databases.eachSupportedId())(
  'on-call telemetry on %s',
  databaseId => {
    it('counts each page notification once: sent, or failed after its retries', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const { metrics, counts } = recordingMetrics();
      const telemetry = new EscalationTelemetry(metrics);
      const { pager, notifications } = pagerOn(store, {
        directory: new FakeDirectory(policy([step(0, user(ALICE))])),
        notificationCounter: telemetry.notifications,
      });
      notifications.send.mockRejectedValue(new Error('status 503'));
      await pager.open(request, ALICE);
      expect(notifications.send).toHaveBeenCalledTimes(3);
      expect([...counts]).toEqual([[FAILED, 1]]);

      notifications.send.mockReset();
      await pager.open(request, ALICE);
      expect(Object.fromEntries(counts)).toEqual({ [FAILED]: 1, [SENT]: 1 });
    });

    it('exports the backlog the last escalation run left, by severity, until the sample is old', async () => {
      const { store } = await migratedStore(databases, databaseId);
      const clock = testClock();
      const { metrics, observe } = recordingMetrics();
      const telemetry = new EscalationTelemetry(metrics, clock);
      const { pager, directory } = pagerOn(store, {
        clock,
        directory: new FakeDirectory(
          policy([step(0, user(ALICE)), step(5, group(PAYMENTS))]),
        ),
      });
      const runner = new EscalationRunner({ pager, store, telemetry, clock });
      // Nothing reported before the first run.
      expect(observe('vigil_oncall_escalations_due')).toEqual({});

      await pager.open(request, ALICE);
      await pager.open({ ...request, severity: 'critical' }, ALICE);
      // The second step cannot be delivered while the catalog is down.
      const membersOf = jest
        .spyOn(directory, 'membersOf')
        .mockRejectedValue(new Error('catalog unavailable'));
      clock.set(T0 + 5 * MINUTE);
      await runner.run();
      expect(observe('vigil_oncall_escalations_due')).toEqual({
        critical: 1,
        high: 1,
        normal: 0,
        low: 0,
      });

      membersOf.mockRestore();
      clock.set(T0 + 6 * MINUTE);
      await runner.run();
      expect(observe('vigil_oncall_escalations_due')).toEqual({
        critical: 0,
        high: 0,
        normal: 0,
        low: 0,
      });

      // An instance that no longer runs the job stops reporting.
      clock.set(T0 + 9 * MINUTE);
      expect(observe('vigil_oncall_escalations_due')).toEqual({});
    });
  },
);
