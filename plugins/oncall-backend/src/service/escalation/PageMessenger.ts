import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { type NotificationCounter, sendNotification } from '@vigil/backend-kit';
import type {
  OnCallStore,
  PageDelivery,
  StoredPage,
} from '../../database/OnCallStore';
import type { IncidentsApi } from './IncidentsClient';
import type { ReachedUser } from './TargetResolver';

export const PAGE_NOTIFICATION_TOPIC = 'vigil-oncall-page';
export const ONCALL_SIGNAL_CHANNEL = 'vigil-oncall';

/** The signals of the `vigil-oncall` channel about pages (ROUTES.md). */
export type PageSignal = {
  type:
    | 'page_opened'
    | 'page_escalated'
    | 'page_acknowledged'
    | 'page_resolved';
  pageId: string;
  incidentId?: string;
};

/** A step of a page's policy in one pass through it. */
export interface EscalationPosition {
  repeatIndex: number;
  stepIndex: number;
}

const NOTIFICATION_ATTEMPTS = 3;
const NOTIFICATION_RETRY_MS = 1_000;
/** The `channel` label of `vigil_notifications_*` for pages. */
export const PAGE_NOTIFICATION_CHANNEL = 'oncall-page';

/** Where a page's notification leads: the given link, else its incident, else the page. */
export function pageLink(page: StoredPage): string {
  if (page.link) return page.link;
  return page.incidentId
    ? `/incidents/${encodeURIComponent(page.incidentId)}`
    : `/oncall/pages/${page.id}`;
}

/**
 * Tells people about a delivered step: the notification (which the
 * notifications backend also emails when its email module is configured),
 * a signal, the delivery rows, and the paging event on the incident. Runs
 * only after the step was claimed, so once per step across instances. Never
 * throws: the step is claimed either way and escalation goes on.
 */
export class PageMessenger {
  constructor(
    private readonly options: {
      store: OnCallStore;
      logger: LoggerService;
      notifications?: NotificationService;
      signals?: SignalsService;
      incidents?: IncidentsApi;
      /** The notifications backend emails notifications (its email module is configured). */
      emailEnabled?: boolean;
      /** First retry delay of a failed notification (then ×3). */
      notificationRetryMs?: number;
      /** Counts each page notification once: sent, or failed after its retries. */
      notificationCounter?: NotificationCounter;
    },
  ) {}

  async stepDelivered(
    page: StoredPage,
    position: EscalationPosition,
    reached: ReachedUser[],
    at: number,
  ): Promise<void> {
    const userRefs = reached.map(r => r.userRef);
    const notified = await this.notify(page, position, userRefs);
    this.signal({
      type: 'page_escalated',
      pageId: page.id,
      incidentId: page.incidentId,
    });
    if (!notified) return;
    const channels: PageDelivery['channel'][] = this.options.emailEnabled
      ? ['notification', 'email']
      : ['notification'];
    try {
      await this.options.store.recordDeliveries(
        channels.flatMap(channel =>
          reached.map(({ userRef, via }) => ({
            pageId: page.id,
            ...position,
            userRef,
            channel,
            via,
            at,
          })),
        ),
      );
    } catch (error) {
      this.options.logger.error(
        `Could not record the deliveries of page ${page.id}: ${error}`,
      );
    }
    if (page.incidentId && this.options.incidents) {
      await this.options.incidents.recordPaging(page.incidentId, {
        at,
        ...position,
        userRefs,
        policyName: page.policyName,
        via: [...new Set(reached.map(r => r.via))],
      });
    }
  }

  /** Broadcasts a signal; a failure is only logged. */
  signal(message: PageSignal): void {
    const { signals, logger } = this.options;
    if (!signals) return;
    signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: ONCALL_SIGNAL_CHANNEL,
        message: {
          type: message.type,
          pageId: message.pageId,
          ...(message.incidentId && { incidentId: message.incidentId }),
        },
      })
      .catch(error => logger.debug(`Could not publish signal: ${error}`));
  }

  /** Sends the step's notification, with retries; false if it never went out. */
  private async notify(
    page: StoredPage,
    position: EscalationPosition,
    userRefs: string[],
  ): Promise<boolean> {
    const { notifications, logger } = this.options;
    if (!notifications) return false;
    const result = await sendNotification(
      () =>
        notifications.send({
          recipients: { type: 'entity', entityRef: userRefs },
          payload: {
            title: `Paged: ${page.title}`,
            description: describeStep(page, position),
            link: pageLink(page),
            severity: page.severity,
            topic: PAGE_NOTIFICATION_TOPIC,
            scope: `oncall-page:${page.id}`,
          },
        }),
      {
        channel: PAGE_NOTIFICATION_CHANNEL,
        counter: this.options.notificationCounter,
        attempts: NOTIFICATION_ATTEMPTS,
        retryMs: this.options.notificationRetryMs ?? NOTIFICATION_RETRY_MS,
      },
    );
    if (!result.sent) {
      logger.error(
        `Could not notify ${userRefs.join(', ')} of page ${page.id} after ${
          result.attempts
        } attempts: ${result.error}`,
      );
    }
    return result.sent;
  }
}

function describeStep(page: StoredPage, position: EscalationPosition): string {
  const where = [
    page.policyName && `policy ${page.policyName}`,
    `step ${position.stepIndex + 1} of ${page.steps.length}`,
    page.repeat > 1 && `round ${position.repeatIndex + 1} of ${page.repeat}`,
  ].filter(Boolean);
  return [
    `${page.severity} page for ${page.entityRef} (${where.join(', ')}).`,
    page.description?.slice(0, 500),
    'Acknowledge it to stop the escalation.',
  ]
    .filter(Boolean)
    .join(' ');
}
