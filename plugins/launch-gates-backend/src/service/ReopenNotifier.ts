import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { type NotificationCounter, sendNotification } from '@vigil/backend-kit';
import type { StoredReview } from '../database/LaunchGatesStore';
import { launchTabPath } from './entities';

/** The notification topic of the launch gates. */
export const NOTIFICATION_TOPIC = 'launch-gates';
/** The `channel` label of `vigil_notifications_*` for reopened reviews. */
export const NOTIFICATION_CHANNEL = 'launch-review';

/**
 * Tells the product owner and the owning team that a Go no longer holds
 * (a blocking check stopped passing or a waiver it relied on expired), and
 * records it with the auditor. A notification that cannot be sent is
 * logged and counted, never undoes the reopening.
 */
export class ReopenNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      auditor: AuditorService;
      logger: LoggerService;
      /** Counts each notification once: sent, or failed (never retried). */
      counter?: NotificationCounter;
    },
  ) {}

  async reopened(input: {
    review: StoredReview;
    productOwners: string[];
    entityOwners: string[];
    blockers: string[];
    reasons: string[];
  }): Promise<void> {
    const { review, productOwners, entityOwners, blockers, reasons } = input;
    const event = await this.options.auditor.createEvent({
      eventId: 'review-reopen',
      severityLevel: 'high',
      meta: {
        reviewId: review.id,
        entityRef: review.entityRef,
        blockers,
        reasons,
      },
    });
    await event.success();
    const recipients = [...new Set([...productOwners, ...entityOwners])];
    if (recipients.length === 0) return;
    const result = await sendNotification(
      () =>
        this.options.notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: `Launch of ${review.entityRef} reopened: ${review.title}`,
            description: `The Go sign-off no longer holds: ${reasons.join(
              '; ',
            )}. Blocking: ${blockers.join(', ')}.`,
            link: launchTabPath(review.entityRef),
            topic: NOTIFICATION_TOPIC,
            severity: 'high',
            scope: `launch-review:${review.id}`,
          },
        }),
      { channel: NOTIFICATION_CHANNEL, counter: this.options.counter },
    );
    if (!result.sent) {
      this.options.logger.warn(
        `Could not notify ${recipients.join(', ')} that review ${
          review.id
        } reopened: ${(result.error as Error).message}`,
      );
    }
  }
}
