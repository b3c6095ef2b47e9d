import type {
  ErrorContext,
  Page,
  SupportContext,
  SupportFeedback,
  SupportTicket,
  TicketStatus,
} from '@vigil/backstage-plugin-support-common';

/** A ticket to store. */
export interface NewTicket {
  reporterRef: string;
  text: string;
  context: ErrorContext;
  now: number;
}

/** Feedback to store. */
export interface NewFeedback {
  reporterRef: string;
  rating: number;
  text: string;
  context: SupportContext;
  now: number;
}

/** A page of tickets, optionally one reporter's or of one status. */
export interface TicketListQuery {
  reporterRef?: string;
  status?: TicketStatus;
  limit: number;
  offset: number;
}

/** A status change made on `expectedVersion`. */
export interface TicketStatusUpdate {
  id: string;
  status: TicketStatus;
  expectedVersion: number;
  actor: string;
  now: number;
}

/**
 * What a status change found: the changed ticket, no such ticket, or a
 * ticket changed since (its current state).
 */
export type TicketStatusUpdateResult =
  | { kind: 'changed'; ticket: SupportTicket }
  | { kind: 'missing' }
  | { kind: 'stale'; current: SupportTicket };

/** Where tickets and feedback are kept (DatabaseSupportStore). */
export interface SupportStore {
  createTicket(ticket: NewTicket): Promise<SupportTicket>;
  getTicket(id: string): Promise<SupportTicket | undefined>;
  /** Newest first, filtered and paged in the database. */
  listTickets(query: TicketListQuery): Promise<Page<SupportTicket>>;
  /** Compare-and-set on the version: never a lost update. */
  updateTicketStatus(
    update: TicketStatusUpdate,
  ): Promise<TicketStatusUpdateResult>;
  createFeedback(feedback: NewFeedback): Promise<SupportFeedback>;
  /** Newest first, paged in the database. */
  listFeedback(query: {
    limit: number;
    offset: number;
  }): Promise<Page<SupportFeedback>>;
}
