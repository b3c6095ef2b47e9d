import { SupportApiError, SupportClient } from './client';

function clientWith(response: Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new SupportClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/support' },
    fetchApi: {
      fetch: async (url, init) => {
        calls.push({ url: String(url), init });
        return response;
      },
    },
  });
  return { client, calls };
}

describe('SupportClient', () => {
  it('posts tickets as JSON and reads the answer', async () => {
    const { client, calls } = clientWith(
      new Response(JSON.stringify({ id: 't1' }), { status: 201 }),
    );
    await expect(client.createTicket({ text: 'broken' })).resolves.toEqual({
      id: 't1',
    });
    expect(calls[0].url).toBe('http://backend/api/support/tickets');
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ text: 'broken' }),
    });
  });

  it.each([
    [
      (c: SupportClient) => c.listMyTickets({ limit: 5 }),
      '/tickets/mine?limit=5',
    ],
    [
      (c: SupportClient) => c.listTickets({ status: 'open', offset: 20 }),
      '/tickets?status=open&offset=20',
    ],
    [(c: SupportClient) => c.listFeedback(), '/feedback'],
    [(c: SupportClient) => c.getTicket('a/b'), '/tickets/a%2Fb'],
  ])('calls %#: %s', async (call, path) => {
    const { client, calls } = clientWith(
      new Response(JSON.stringify({ items: [], totalCount: 0 })),
    );
    await call(client);
    expect(calls[0].url).toBe(`http://backend/api/support${path}`);
  });

  it('turns a refusal into a SupportApiError with the message and request id', async () => {
    const { client } = clientWith(
      new Response(
        JSON.stringify({
          error: { name: 'InputError', message: 'text: must not be empty' },
        }),
        {
          status: 400,
          statusText: 'Bad Request',
          headers: { 'x-request-id': 'req-1' },
        },
      ),
    );
    const error = await client.createTicket({ text: '' }).catch(e => e);
    expect(error).toBeInstanceOf(SupportApiError);
    expect(error).toMatchObject({
      message: 'Request failed with 400 Bad Request: text: must not be empty',
      statusCode: 400,
      requestId: 'req-1',
    });
  });
});
