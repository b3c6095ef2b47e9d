import { mockServices } from '@backstage/backend-test-utils';
import type { AuditorService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { NotificationCounter } from '@vigil/backend-kit';
import type { StoredReview } from '../database/LaunchGatesStore';
import { ReopenNotifier } from './ReopenNotifier';

/** What is added to each counter, by its attributes. */
function countingMetrics() {
  const counts = new Map<string, number>();
  const metrics = {
    createCounter: (name: string) => ({
      add: (value: number, attributes: object = {}) => {
        const key = `${name}${JSON.stringify(attributes)}`;
        counts.set(key, (counts.get(key) ?? 0) + value);
      },
    }),
  } as unknown as MetricsService;
  return { metrics, counts };
}

const SENT = 'vigil_notifications_sent{"channel":"launch-review"}';
const FAILED = 'vigil_notifications_failures{"channel":"launch-review"}';

async function reopenWith(send: () => Promise<void>) {
  const { metrics, counts } = countingMetrics();
  const logger = mockServices.logger.mock();
  const success = jest.fn(async () => {});
  const auditor = {
    createEvent: jest.fn(async () => ({ success, fail: jest.fn() })),
  } as unknown as AuditorService;
  const notifier = new ReopenNotifier({
    notifications: { send: jest.fn(send) },
    auditor,
    logger,
    counter: NotificationCounter.create(metrics),
  });
  await notifier.reopened({
    review: {
      id: 'rev-1',
      entityRef: 'component:default/scoring-api',
      title: 'GA launch',
    } as StoredReview,
    productOwners: ['user:default/alice'],
    entityOwners: ['group:default/payments'],
    blockers: ['slo'],
    reasons: ['the SLO check stopped passing'],
  });
  expect(success).toHaveBeenCalledTimes(1);
  return { counts, logger };
}

describe('ReopenNotifier', () => {
  it('counts a notification that went out as sent', async () => {
    const { counts, logger } = await reopenWith(async () => {});
    expect([...counts]).toEqual([[SENT, 1]]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('counts a notification that could not be sent as one failure (no retry), and logs it', async () => {
    const send = jest.fn(async () => {
      throw new Error('circuit open');
    });
    const { counts, logger } = await reopenWith(send);
    expect(send).toHaveBeenCalledTimes(1);
    expect([...counts]).toEqual([[FAILED, 1]]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not notify user:default/alice, group:default/payments that review rev-1 reopened: circuit open',
    );
  });
});
