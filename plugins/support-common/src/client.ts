import { HttpApiError, JsonHttpClient, queryString } from '@vigil/common-kit';
import type { Page, SupportFeedback, SupportTicket } from './api';
import type {
  FeedbackInput,
  TicketInput,
  TicketStatus,
  TicketStatusChange,
} from './schemas';

/** A list's page and filter. @public */
export interface SupportListQuery {
  limit?: number;
  offset?: number;
  status?: TicketStatus;
}

/**
 * The support backend (`/api/support`). Implemented by {@link SupportClient}.
 * @public
 */
export interface SupportApi {
  /** Files a ticket for the signed-in user. */
  createTicket(input: TicketInput): Promise<SupportTicket>;
  /** Gives feedback as the signed-in user. */
  createFeedback(input: FeedbackInput): Promise<SupportFeedback>;
  /** The signed-in user's own tickets, newest first. */
  listMyTickets(query?: SupportListQuery): Promise<Page<SupportTicket>>;
  /** One ticket: its reporter's, or any for portal admins (404 otherwise). */
  getTicket(id: string): Promise<SupportTicket>;
  /** Every ticket, newest first (portal admins). */
  listTickets(query?: SupportListQuery): Promise<Page<SupportTicket>>;
  /** All feedback, newest first (portal admins). */
  listFeedback(
    query?: Omit<SupportListQuery, 'status'>,
  ): Promise<Page<SupportFeedback>>;
  /** Changes a ticket's status (portal admins; 409 on a stale version). */
  changeTicketStatus(
    id: string,
    change: TicketStatusChange,
  ): Promise<SupportTicket>;
}

/**
 * A failed request to the support API: the status, the backend's body and
 * the request id the backend echoed (`x-request-id`).
 * @public
 */
export class SupportApiError extends HttpApiError {
  readonly name = 'SupportApiError';
}

/**
 * HTTP client of the support backend: Backstage's discovery and fetch APIs
 * in the browser (the fetch adds the user's token).
 * @public
 */
export class SupportClient implements SupportApi {
  private readonly http: JsonHttpClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.http = new JsonHttpClient({
      ...options,
      pluginId: 'support',
      toError: response => SupportApiError.fromResponse(response),
    });
  }

  createTicket(input: TicketInput): Promise<SupportTicket> {
    return this.http.request('POST', '/tickets', input);
  }

  createFeedback(input: FeedbackInput): Promise<SupportFeedback> {
    return this.http.request('POST', '/feedback', input);
  }

  listMyTickets(query: SupportListQuery = {}): Promise<Page<SupportTicket>> {
    return this.http.request('GET', `/tickets/mine${queryString(query)}`);
  }

  getTicket(id: string): Promise<SupportTicket> {
    return this.http.request('GET', `/tickets/${encodeURIComponent(id)}`);
  }

  listTickets(query: SupportListQuery = {}): Promise<Page<SupportTicket>> {
    return this.http.request('GET', `/tickets${queryString(query)}`);
  }

  listFeedback(
    query: Omit<SupportListQuery, 'status'> = {},
  ): Promise<Page<SupportFeedback>> {
    return this.http.request('GET', `/feedback${queryString(query)}`);
  }

  changeTicketStatus(
    id: string,
    change: TicketStatusChange,
  ): Promise<SupportTicket> {
    return this.http.request(
      'PUT',
      `/tickets/${encodeURIComponent(id)}/status`,
      change,
    );
  }
}
