import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { sendNotification } from '@vigil/backend-kit';
import {
  summarize,
  TICKET_STATUS_LABELS,
  type SupportFeedback,
  type SupportTicket,
} from '@vigil/backstage-plugin-support-common';
import type { SupportBackendConfig } from '../config';

/** Where a ticket is followed in the app. */
export const ticketLink = (id: string) => `/support/tickets/${id}`;
const ADMIN_LINK = '/support/admin';

const isUserRef = (ref: string) => {
  try {
    return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'user';
  } catch {
    return false;
  }
};

/**
 * Tells the portal admins of new tickets and feedback, and a reporter of
 * their ticket's new status. A lost notification is logged; it never undoes
 * the change it was about.
 */
export class SupportNotifier {
  constructor(
    private readonly options: {
      notifications: NotificationService;
      config: SupportBackendConfig;
      logger: LoggerService;
    },
  ) {}

  async ticketFiled(ticket: SupportTicket): Promise<void> {
    const { context } = ticket;
    const where = [context.route, context.entityRef].filter(Boolean).join(', ');
    await this.toAdmins('ticket-filed', {
      title: `Support ticket from ${ticket.reporterRef}: ${summarize(
        ticket.text,
        80,
      )}`,
      description: [
        context.message && `Error: ${summarize(context.message, 200)}`,
        context.requestId && `Request id: ${context.requestId}`,
        where && `Where: ${where}`,
      ]
        .filter(Boolean)
        .join('\n'),
      link: ticketLink(ticket.id),
      severity: 'normal',
      topic: 'support-tickets',
    });
  }

  async feedbackGiven(feedback: SupportFeedback): Promise<void> {
    if (!this.options.config.notifyOnFeedback) return;
    await this.toAdmins('feedback-given', {
      title: `Feedback (${feedback.rating}/5) from ${feedback.reporterRef}`,
      description: summarize(feedback.text, 200),
      link: ADMIN_LINK,
      severity: 'low',
      topic: 'support-feedback',
    });
  }

  async statusChanged(ticket: SupportTicket): Promise<void> {
    if (!isUserRef(ticket.reporterRef)) return;
    await this.send('ticket-status', {
      recipients: { type: 'entity', entityRef: ticket.reporterRef },
      payload: {
        title: `Your support ticket is ${TICKET_STATUS_LABELS[ticket.status]}`,
        description: summarize(ticket.text, 200),
        link: ticketLink(ticket.id),
        severity: 'normal',
        topic: 'support-tickets',
      },
    });
  }

  private async toAdmins(
    channel: string,
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ) {
    const { notify } = this.options.config;
    if (notify.length === 0) return;
    await this.send(channel, {
      recipients: { type: 'entity', entityRef: notify },
      payload,
    });
  }

  private async send(
    channel: string,
    notification: Parameters<NotificationService['send']>[0],
  ) {
    const result = await sendNotification(
      () => this.options.notifications.send(notification),
      { channel: `support-${channel}`, attempts: 2, retryMs: 500 },
    );
    if (!result.sent) {
      this.options.logger.warn(
        `Could not send the support notification "${notification.payload.title}": ${result.error}`,
      );
    }
  }
}
