import { ResponseError } from '@backstage/errors';
import { OnCallClient } from './OnCallClient';

function setup(response: Response) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) => response.clone(),
  );
  const client = new OnCallClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as typeof global.fetch },
  });
  const call = (index = 0) => ({
    url: String(fetch.mock.calls[index][0]),
    method: fetch.mock.calls[index][1]?.method,
    body: fetch.mock.calls[index][1]?.body
      ? JSON.parse(String(fetch.mock.calls[index][1]!.body))
      : undefined,
  });
  return { client, fetch, call };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const BASE = 'http://backend/api/oncall';

describe('OnCallClient', () => {
  it('repeats ownerRef for each group when listing schedules', async () => {
    const { client, call } = setup(json({ items: [], total: 0 }));
    await expect(
      client.listSchedules({
        ownerRef: ['group:default/sre', 'group:default/payments'],
        limit: 10,
      }),
    ).resolves.toEqual({ items: [], total: 0 });
    expect(call()).toEqual({
      url: `${BASE}/schedules?ownerRef=group%3Adefault%2Fsre&ownerRef=group%3Adefault%2Fpayments&limit=10`,
      method: 'GET',
      body: undefined,
    });
  });

  it('asks for a timeline range with ISO instants', async () => {
    const { client, call } = setup(json({ final: [] }));
    await client.getTimeline('s/1', {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-15T00:00:00.000Z',
    });
    expect(call().url).toBe(
      `${BASE}/schedules/s%2F1/timeline?from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-15T00%3A00%3A00.000Z`,
    );
  });

  it('asks who is on call for an entity', async () => {
    const { client, call } = setup(json({ schedules: [] }));
    await client.getOnCall({ entityRef: 'component:default/scoring-api' });
    expect(call().url).toBe(
      `${BASE}/on-call?entityRef=component%3Adefault%2Fscoring-api`,
    );
  });

  it('posts an override as JSON', async () => {
    const { client, call } = setup(json({ id: 'o1' }, 201));
    const override = {
      start: '2026-03-01T09:00:00.000Z',
      end: '2026-03-02T09:00:00.000Z',
      action: 'replace' as const,
      userRef: 'user:default/alice',
    };
    await expect(client.createOverride('s1', override)).resolves.toEqual({
      id: 'o1',
    });
    expect(call()).toEqual({
      url: `${BASE}/schedules/s1/overrides`,
      method: 'POST',
      body: override,
    });
  });

  it('sends the version when updating and deleting a policy', async () => {
    const { client, call, fetch } = setup(json({ id: 'p1' }));
    const request = {
      ownerRef: 'group:default/sre',
      name: 'SRE',
      repeat: 2,
      steps: [
        {
          delayMinutes: 0,
          targets: [{ kind: 'user' as const, ref: 'user:default/alice' }],
        },
      ],
      version: 3,
    };
    await client.updatePolicy('p1', request);
    expect(call()).toEqual({
      url: `${BASE}/policies/p1`,
      method: 'PUT',
      body: request,
    });
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(client.deletePolicy('p1', 3)).resolves.toBeUndefined();
    expect(call(1)).toMatchObject({
      url: `${BASE}/policies/p1?version=3`,
      method: 'DELETE',
    });
  });

  it('lists my open pages and acknowledges one', async () => {
    const { client, call } = setup(json({ items: [], total: 0 }));
    await client.listPages({ mine: true, status: ['open'] });
    expect(call().url).toBe(`${BASE}/pages?mine=true&status=open`);
    await client.acknowledgePage('pg 1');
    expect(call(1)).toMatchObject({
      url: `${BASE}/pages/pg%201/acknowledge`,
      method: 'POST',
    });
  });

  it('creates, lists and revokes calendar tokens', async () => {
    const { client, call, fetch } = setup(
      json({ id: 't1', url: 'https://x/calendars/abc.ics' }, 201),
    );
    await client.createCalendarToken({ kind: 'user' });
    expect(call()).toEqual({
      url: `${BASE}/calendar-tokens`,
      method: 'POST',
      body: { kind: 'user' },
    });
    fetch.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await client.revokeCalendarToken('t1');
    expect(call(1)).toMatchObject({
      url: `${BASE}/calendar-tokens/t1`,
      method: 'DELETE',
    });
  });

  it('surfaces a stale version as a 409 ResponseError with the message', async () => {
    const { client } = setup(
      json(
        { error: { name: 'ConflictError', message: 'version 2 is stale' } },
        409,
      ),
    );
    const error = await client
      .updateSchedule('s1', {
        version: 2,
        name: 'x',
        timeZone: 'UTC',
        layers: [],
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe('version 2 is stale');
  });
});
