import type {
  FeedbackInput,
  SupportApi,
  SupportFeedback,
  SupportTicket,
  TicketInput,
  TicketStatusChange,
} from '@vigil/backstage-plugin-support-common';

export const ticket = (
  overrides: Partial<SupportTicket> = {},
): SupportTicket => ({
  id: '5b0c3f86-8d0e-4a4e-b0f2-0f8e4e3b9d11',
  reporterRef: 'user:default/alice',
  text: 'The SLO page failed',
  context: { message: 'Request failed with 503', requestId: 'req-1' },
  status: 'open',
  version: 1,
  createdAt: '2026-06-01T10:00:00.000Z',
  updatedAt: '2026-06-01T10:00:00.000Z',
  ...overrides,
});

export const feedback = (
  overrides: Partial<SupportFeedback> = {},
): SupportFeedback => ({
  id: 'f1',
  reporterRef: 'user:default/bob',
  rating: 4,
  text: 'Nice charts',
  context: { route: '/slos' },
  createdAt: '2026-06-01T10:00:00.000Z',
  ...overrides,
});

/** A SupportApi in memory that records what it was asked. */
export function fakeSupportApi(
  state: { tickets?: SupportTicket[]; feedback?: SupportFeedback[] } = {},
) {
  const calls = {
    createFeedback: [] as FeedbackInput[],
    createTicket: [] as TicketInput[],
    changeTicketStatus: [] as Array<[string, TicketStatusChange]>,
  };
  const tickets = state.tickets ?? [];
  const page = <T>(items: T[]) => ({ items, totalCount: items.length });
  const api: SupportApi = {
    createTicket: async input => {
      calls.createTicket.push(input);
      return ticket({ text: input.text });
    },
    createFeedback: async input => {
      calls.createFeedback.push(input);
      return feedback({ rating: input.rating, text: input.text });
    },
    listMyTickets: async () => page(tickets),
    listTickets: async () => page(tickets),
    listFeedback: async () => page(state.feedback ?? []),
    getTicket: async id => tickets.find(t => t.id === id) ?? ticket({ id }),
    changeTicketStatus: async (id, change) => {
      calls.changeTicketStatus.push([id, change]);
      const found = tickets.find(t => t.id === id)!;
      Object.assign(found, {
        status: change.status,
        version: change.version + 1,
      });
      return found;
    },
  };
  return { api, calls };
}
