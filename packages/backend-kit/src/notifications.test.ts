import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { NotificationCounter, sendNotification } from './notifications';

/** Records the counters created and what is added to them, by attributes. */
function countingMetrics() {
  const counts = new Map<string, number>();
  const descriptions = new Map<string, string | undefined>();
  const metrics = {
    createCounter: (name: string, opts?: { description?: string }) => {
      descriptions.set(name, opts?.description);
      return {
        add: (value: number, attributes: object = {}) => {
          const key = `${name}${JSON.stringify(attributes)}`;
          counts.set(key, (counts.get(key) ?? 0) + value);
        },
      };
    },
  } as unknown as MetricsService;
  return { metrics, counts, descriptions };
}

const SENT = 'vigil_notifications_sent{"channel":"test-channel"}';
const FAILED = 'vigil_notifications_failures{"channel":"test-channel"}';

/** A send that fails its first `failures` calls. */
function failingFirst(failures: number) {
  const send = jest.fn(async () => {
    if (send.mock.calls.length <= failures) throw new Error('503');
  });
  return send;
}

describe('sendNotification', () => {
  it('creates the shared counters every plugin exports', () => {
    const { metrics, descriptions } = countingMetrics();
    NotificationCounter.create(metrics);
    expect([...descriptions.keys()]).toEqual([
      'vigil_notifications_sent',
      'vigil_notifications_failures',
    ]);
    expect(descriptions.get('vigil_notifications_failures')).toBe(
      'Notifications lost after every retry failed, by channel',
    );
  });

  it.each`
    failures | attempts     | sent     | sends | counted
    ${0}     | ${3}         | ${true}  | ${1}  | ${SENT}
    ${2}     | ${3}         | ${true}  | ${3}  | ${SENT}
    ${3}     | ${3}         | ${false} | ${3}  | ${FAILED}
    ${1}     | ${undefined} | ${false} | ${1}  | ${FAILED}
  `(
    'with $failures failure(s) and $attempts attempt(s), sent=$sent after $sends send(s), counted once',
    async ({ failures, attempts, sent, sends, counted }) => {
      const { metrics, counts } = countingMetrics();
      const send = failingFirst(failures);
      const result = await sendNotification(send, {
        channel: 'test-channel',
        counter: NotificationCounter.create(metrics),
        attempts,
        retryMs: 1,
      });
      expect(result).toEqual(
        sent
          ? { sent, attempts: sends }
          : { sent, attempts: sends, error: new Error('503') },
      );
      expect(send).toHaveBeenCalledTimes(sends);
      expect([...counts]).toEqual([[counted, 1]]);
    },
  );

  it('waits longer before each retry (first delay, then ×3)', async () => {
    jest.useFakeTimers();
    try {
      const send = failingFirst(2);
      const result = sendNotification(send, {
        channel: 'test-channel',
        attempts: 3,
        retryMs: 100,
      });
      await jest.advanceTimersByTimeAsync(99);
      expect(send).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(send).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(299);
      expect(send).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(1);
      expect(await result).toEqual({ sent: true, attempts: 3 });
    } finally {
      jest.useRealTimers();
    }
  });
});
