import type {
  MetricsService,
  MetricsServiceCounter,
} from '@backstage/backend-plugin-api/alpha';

/**
 * Counts the notifications a plugin sends, by outcome, under the names every
 * Vigil plugin shares (`vigil_notifications_sent_total` and
 * `vigil_notifications_failures_total`, label `channel`), so one alert
 * (VigilNotificationsFailing) covers them all. Each plugin's meter creates
 * the counters here, with the same descriptions: the Prometheus exporter
 * merges a name across meters only when their metadata agree.
 *
 * @public
 */
export class NotificationCounter {
  private constructor(
    private readonly sentCounter: MetricsServiceCounter<{ channel: string }>,
    private readonly failureCounter: MetricsServiceCounter<{
      channel: string;
    }>,
  ) {}

  static create(metrics: MetricsService): NotificationCounter {
    return new NotificationCounter(
      metrics.createCounter<{ channel: string }>('vigil_notifications_sent', {
        description: 'Notifications sent, by channel',
      }),
      metrics.createCounter<{ channel: string }>(
        'vigil_notifications_failures',
        {
          description:
            'Notifications lost after every retry failed, by channel',
        },
      ),
    );
  }

  /** `channel` is one of the sender's few fixed names (a bounded label). */
  sent(channel: string): void {
    this.sentCounter.add(1, { channel });
  }

  /** Counted once per notification, after its last attempt. */
  failed(channel: string): void {
    this.failureCounter.add(1, { channel });
  }
}

/** @public */
export interface SendNotificationOptions {
  /** The bounded `channel` label: which kind of message this is. */
  channel: string;
  counter?: NotificationCounter;
  /** Attempts in all (default 1: no retry). */
  attempts?: number;
  /** Delay before the first retry; each further retry waits 3× longer. */
  retryMs?: number;
}

/** @public */
export type NotificationResult =
  | { sent: true; attempts: number }
  | { sent: false; attempts: number; error: unknown };

/**
 * Sends a notification with retries and counts its outcome once: sent, or
 * failed after the last attempt. Never throws: the caller decides what a
 * lost notification means (usually a log line; it never undoes the change
 * it was about).
 *
 * @public
 */
export async function sendNotification(
  send: () => Promise<unknown>,
  options: SendNotificationOptions,
): Promise<NotificationResult> {
  const attempts = Math.max(1, options.attempts ?? 1);
  const retryMs = options.retryMs ?? 1_000;
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      options.counter?.sent(options.channel);
      return { sent: true, attempts: attempt };
    } catch (error) {
      if (attempt >= attempts) {
        options.counter?.failed(options.channel);
        return { sent: false, attempts: attempt, error };
      }
      await new Promise(resolve =>
        setTimeout(resolve, retryMs * 3 ** (attempt - 1)),
      );
    }
  }
}
