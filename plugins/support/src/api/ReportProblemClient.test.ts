import type {
  SupportApi,
  TicketInput,
} from '@vigil/backstage-plugin-support-common';
import { ReportProblemClient } from './ReportProblemClient';

describe('ReportProblemClient', () => {
  afterEach(() => {
    delete (window as any).faro;
    window.history.pushState({}, '', '/');
  });

  it('files a ticket with the page, entity, time, Faro session and app version', async () => {
    const filed: TicketInput[] = [];
    const supportApi = {
      createTicket: async (input: TicketInput) => {
        filed.push(input);
        return { id: 't-1' };
      },
    } as unknown as SupportApi;
    (window as any).faro = { api: { getSession: () => ({ id: 'faroSess1' }) } };
    window.history.pushState(
      {},
      '',
      '/catalog/default/component/vigil/slo?x=secret',
    );
    const client = new ReportProblemClient({
      supportApi,
      configApi: { getOptionalString: () => '1.4.0+abc' } as any,
    });
    const reported = await client.report({
      text: 'SLO tab failed',
      message: 'Request failed with 503',
      requestId: 'req-9',
      statusCode: 503,
      time: new Date('2026-06-01T10:00:00Z'),
    });
    expect(reported).toEqual({ ticketId: 't-1', link: '/support/tickets/t-1' });
    expect(filed).toEqual([
      {
        text: 'SLO tab failed',
        context: {
          message: 'Request failed with 503',
          requestId: 'req-9',
          statusCode: 503,
          route: '/catalog/default/component/vigil/slo',
          time: '2026-06-01T10:00:00.000Z',
          faroSessionId: 'faroSess1',
          entityRef: 'component:default/vigil',
          appVersion: '1.4.0+abc',
        },
      },
    ]);
  });
});
