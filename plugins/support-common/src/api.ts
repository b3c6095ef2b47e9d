import type { ErrorContext, SupportContext, TicketStatus } from './schemas';

/**
 * A support ticket: what the reporter wrote, the error's context and where
 * it stands. `version` grows with each change (optimistic concurrency).
 * @public
 */
export interface SupportTicket {
  id: string;
  reporterRef: string;
  text: string;
  context: ErrorContext;
  status: TicketStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Who changed the status last (a portal admin). */
  updatedBy?: string;
}

/** Feedback on the portal. @public */
export interface SupportFeedback {
  id: string;
  reporterRef: string;
  rating: number;
  text: string;
  context: SupportContext;
  createdAt: string;
}

/** A page of a list and how many there are in all. @public */
export interface Page<T> {
  items: T[];
  totalCount: number;
}
