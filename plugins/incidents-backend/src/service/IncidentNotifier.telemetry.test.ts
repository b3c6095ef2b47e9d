import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { readIncidentsConfig } from '../config';
import type { IncidentStore } from '../database/IncidentStore';
import { storedIncident } from '../__testUtils__/store';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentsTelemetry } from './IncidentsTelemetry';

/** Counts what the telemetry adds to each counter, by its attributes. */
function countingMetrics() {
  const counts = new Map<string, number>();
  const instrument = (name: string) => ({
    add: (value: number, attributes: object = {}) => {
      const key = `${name}${JSON.stringify(attributes)}`;
      counts.set(key, (counts.get(key) ?? 0) + value);
    },
    record: () => {},
    addCallback: () => {},
  });
  const metrics = {
    createCounter: instrument,
    createHistogram: instrument,
    createObservableGauge: instrument,
  } as unknown as MetricsService;
  return { metrics, counts };
}

const SENT = 'vigil_notifications_sent{"channel":"incident-declared"}';
const FAILED = 'vigil_notifications_failures{"channel":"incident-declared"}';

/** Declares an incident and waits for its notification's outcome. */
async function declareWith(send: NotificationService['send']) {
  const { metrics, counts } = countingMetrics();
  const notifier = new IncidentNotifier({
    config: readIncidentsConfig(new ConfigReader({})),
    logger: mockServices.logger.mock(),
    notifications: { send },
    telemetry: new IncidentsTelemetry({
      metrics,
      store: {} as IncidentStore,
      logger: mockServices.logger.mock(),
    }),
    notificationRetryMs: 1,
  });
  notifier.declared(storedIncident('inc-1'), 'user');
  for (let waited = 0; !counts.has(SENT) && !counts.has(FAILED); waited++) {
    if (waited > 500) throw new Error('no notification outcome counted');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  return counts;
}

describe('IncidentNotifier telemetry', () => {
  it('counts a notification that went out as sent', async () => {
    const counts = await declareWith(async () => {});
    expect(counts.get(SENT)).toBe(1);
    expect(counts.has(FAILED)).toBe(false);
  });

  it('counts a notification lost after every retry as one failure', async () => {
    let attempts = 0;
    const counts = await declareWith(async () => {
      attempts += 1;
      throw new Error('Request failed with status 503');
    });
    expect(attempts).toBe(3);
    expect(counts.get(FAILED)).toBe(1);
    expect(counts.has(SENT)).toBe(false);
  });
});
