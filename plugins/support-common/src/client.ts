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
export class SupportApiError extends Error {
  readonly name = 'SupportApiError';
  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }

  static async fromResponse(response: Response): Promise<SupportApiError> {
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined; // a proxy's HTML page: kept out of the message
    }
    const detail = (body as { error?: { message?: unknown } })?.error?.message;
    const status = `${response.status}${
      response.statusText ? ` ${response.statusText}` : ''
    }`;
    return new SupportApiError(
      typeof detail === 'string' && detail
        ? `Request failed with ${status}: ${detail}`
        : `Request failed with ${status}`,
      response.status,
      body,
      response.headers?.get('x-request-id') ?? undefined,
    );
  }
}

const queryOf = (query: SupportListQuery) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * HTTP client of the support backend: Backstage's discovery and fetch APIs
 * in the browser (the fetch adds the user's token).
 * @public
 */
export class SupportClient implements SupportApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    // Bound: a browser's fetch throws "Illegal invocation" as a method.
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  createTicket(input: TicketInput): Promise<SupportTicket> {
    return this.send('POST', '/tickets', input);
  }

  createFeedback(input: FeedbackInput): Promise<SupportFeedback> {
    return this.send('POST', '/feedback', input);
  }

  listMyTickets(query: SupportListQuery = {}): Promise<Page<SupportTicket>> {
    return this.send('GET', `/tickets/mine${queryOf(query)}`);
  }

  getTicket(id: string): Promise<SupportTicket> {
    return this.send('GET', `/tickets/${encodeURIComponent(id)}`);
  }

  listTickets(query: SupportListQuery = {}): Promise<Page<SupportTicket>> {
    return this.send('GET', `/tickets${queryOf(query)}`);
  }

  listFeedback(
    query: Omit<SupportListQuery, 'status'> = {},
  ): Promise<Page<SupportFeedback>> {
    return this.send('GET', `/feedback${queryOf(query)}`);
  }

  changeTicketStatus(
    id: string,
    change: TicketStatusChange,
  ): Promise<SupportTicket> {
    return this.send(
      'PUT',
      `/tickets/${encodeURIComponent(id)}/status`,
      change,
    );
  }

  private async send<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const base = await this.discoveryApi.getBaseUrl('support');
    const response = await this.fetchApi.fetch(`${base}${path}`, {
      method,
      ...(body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (!response.ok) throw await SupportApiError.fromResponse(response);
    return (await response.json()) as T;
  }
}
