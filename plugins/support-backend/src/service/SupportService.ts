import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import { actorOf } from '@vigil/backend-kit';
import {
  supportFeedbackCreatePermission,
  supportTicketCreatePermission,
  supportTicketManagePermission,
  ticketTransitionProblem,
  type ListQuery,
  type Page,
  type SupportFeedback,
  type SupportTicket,
  type TicketStatusChange,
  type feedbackInputSchema,
  type ticketInputSchema,
} from '@vigil/backstage-plugin-support-common';
import type { z } from 'zod';
import type { SupportStore } from '../database/SupportStore';
import type { SupportNotifier } from './SupportNotifier';

const WHAT: Record<string, string> = {
  [supportTicketCreatePermission.name]: 'file support tickets',
  [supportFeedbackCreatePermission.name]: 'give feedback',
  [supportTicketManagePermission.name]: 'manage support tickets',
};

/**
 * Feedback and tickets: who may do what (the permission framework), the
 * store, and the notifications that follow a change.
 */
export class SupportService {
  constructor(
    private readonly options: {
      store: SupportStore;
      permissions: PermissionsService;
      notifier: SupportNotifier;
      now?: () => number;
    },
  ) {}

  private get now() {
    return (this.options.now ?? Date.now)();
  }

  private async allowed(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async require(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.allowed(permission, credentials))) {
      throw new NotAllowedError(
        `Not allowed to ${WHAT[permission.name]} (${permission.name})`,
      );
    }
  }

  async createTicket(
    input: z.output<typeof ticketInputSchema>,
    credentials: BackstageCredentials,
  ): Promise<SupportTicket> {
    await this.require(supportTicketCreatePermission, credentials);
    const ticket = await this.options.store.createTicket({
      reporterRef: actorOf(credentials),
      text: input.text,
      context: input.context,
      now: this.now,
    });
    await this.options.notifier.ticketFiled(ticket);
    return ticket;
  }

  async createFeedback(
    input: z.output<typeof feedbackInputSchema>,
    credentials: BackstageCredentials,
  ): Promise<SupportFeedback> {
    await this.require(supportFeedbackCreatePermission, credentials);
    const feedback = await this.options.store.createFeedback({
      reporterRef: actorOf(credentials),
      rating: input.rating,
      text: input.text,
      context: input.context,
      now: this.now,
    });
    await this.options.notifier.feedbackGiven(feedback);
    return feedback;
  }

  listMyTickets(
    query: ListQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<SupportTicket>> {
    return this.options.store.listTickets({
      ...query,
      reporterRef: actorOf(credentials),
    });
  }

  /** Its reporter's or a portal admin's; anyone else gets a 404, as if none. */
  async getTicket(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<SupportTicket> {
    const ticket = await this.options.store.getTicket(id);
    if (
      !ticket ||
      (ticket.reporterRef !== actorOf(credentials) &&
        !(await this.allowed(supportTicketManagePermission, credentials)))
    ) {
      throw new NotFoundError(`No support ticket ${id}`);
    }
    return ticket;
  }

  async listTickets(
    query: ListQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<SupportTicket>> {
    await this.require(supportTicketManagePermission, credentials);
    return this.options.store.listTickets(query);
  }

  async listFeedback(
    query: Omit<ListQuery, 'status'>,
    credentials: BackstageCredentials,
  ): Promise<Page<SupportFeedback>> {
    await this.require(supportTicketManagePermission, credentials);
    return this.options.store.listFeedback(query);
  }

  async changeTicketStatus(
    id: string,
    change: TicketStatusChange,
    credentials: BackstageCredentials,
  ): Promise<SupportTicket> {
    await this.require(supportTicketManagePermission, credentials);
    const { store } = this.options;
    const current = await store.getTicket(id);
    if (!current) throw new NotFoundError(`No support ticket ${id}`);
    if (current.version !== change.version) throw stale(current);
    const problem = ticketTransitionProblem(current.status, change.status);
    if (problem) throw new InputError(problem);
    const result = await store.updateTicketStatus({
      id,
      status: change.status,
      expectedVersion: change.version,
      actor: actorOf(credentials),
      now: this.now,
    });
    if (result.kind === 'missing') {
      throw new NotFoundError(`No support ticket ${id}`);
    }
    if (result.kind === 'stale') throw stale(result.current);
    await this.options.notifier.statusChanged(result.ticket);
    return result.ticket;
  }
}

function stale(current: SupportTicket) {
  return new ConflictError(
    `The ticket changed since you loaded it (now version ${current.version}, ${current.status}); reload and try again`,
  );
}
