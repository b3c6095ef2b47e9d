import { ResponseError } from '@backstage/errors';
import { errorMessage, IncidentsConflictError } from './errors';
import { IncidentsClient } from './IncidentsClient';

function setup(...responses: Response[]) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      (responses.length > 1 ? responses.shift()! : responses[0]).clone(),
  );
  const client = new IncidentsClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: { fetch: fetch as typeof global.fetch },
  });
  const call = (index = 0) => {
    const [url, init] = fetch.mock.calls[index];
    return {
      url: String(url),
      method: init?.method,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: init?.headers as Record<string, string>,
    };
  };
  return { client, fetch, call };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const backendError = (status: number, name: string, message: string) =>
  json({ error: { name, message }, response: { statusCode: status } }, status);

describe('IncidentsClient', () => {
  it.each([
    [
      'listIncidents with every filter',
      (c: IncidentsClient) =>
        c.listIncidents({
          entityRef: 'component:default/checkout',
          ownerRef: 'group:default/payments',
          status: 'open',
          severity: 'SEV1',
          q: 'checkout errors',
          limit: 50,
          offset: 100,
        }),
      'GET',
      '/incidents?entityRef=component%3Adefault%2Fcheckout&ownerRef=group%3Adefault%2Fpayments&status=open&severity=SEV1&q=checkout+errors&limit=50&offset=100',
      undefined,
    ],
    [
      'listIncidents after a cursor',
      (c: IncidentsClient) =>
        c.listIncidents({ status: 'open', limit: 25, cursor: 'WzEsImEiXQ' }),
      'GET',
      '/incidents?status=open&limit=25&cursor=WzEsImEiXQ',
      undefined,
    ],
    [
      'listIncidents without empty filters',
      (c: IncidentsClient) => c.listIncidents({ q: '', status: undefined }),
      'GET',
      '/incidents',
      undefined,
    ],
    [
      'declareIncident',
      (c: IncidentsClient) =>
        c.declareIncident({
          title: 'Down',
          severity: 'SEV1',
          entityRefs: ['component:default/checkout'],
        }),
      'POST',
      '/incidents',
      {
        title: 'Down',
        severity: 'SEV1',
        entityRefs: ['component:default/checkout'],
      },
    ],
    [
      'getIncident with an encoded id',
      (c: IncidentsClient) => c.getIncident('a/b c'),
      'GET',
      '/incidents/a%2Fb%20c',
      undefined,
    ],
    [
      'updateIncident',
      (c: IncidentsClient) =>
        c.updateIncident('inc-1', { status: 'resolved', expectedVersion: 3 }),
      'PATCH',
      '/incidents/inc-1',
      { status: 'resolved', expectedVersion: 3 },
    ],
    [
      'addNote',
      (c: IncidentsClient) => c.addNote('inc-1', 'rolled back'),
      'POST',
      '/incidents/inc-1/notes',
      { text: 'rolled back' },
    ],
    [
      'addLink',
      (c: IncidentsClient) =>
        c.addLink('inc-1', { url: 'https://x.example', title: 'X' }),
      'POST',
      '/incidents/inc-1/links',
      { url: 'https://x.example', title: 'X' },
    ],
    [
      'acknowledgeIncident',
      (c: IncidentsClient) => c.acknowledgeIncident('inc-1', 3),
      'POST',
      '/incidents/inc-1/acknowledge',
      { expectedVersion: 3 },
    ],
    [
      'takeCommand with an encoded id',
      (c: IncidentsClient) => c.takeCommand('a/b', 7),
      'POST',
      '/incidents/a%2Fb/take-command',
      { expectedVersion: 7 },
    ],
    [
      'declareIncident with detectedAt',
      (c: IncidentsClient) =>
        c.declareIncident({
          title: 'Down',
          severity: 'SEV2',
          entityRefs: ['component:default/checkout'],
          detectedAt: '2024-05-01T11:50:00.000Z',
        }),
      'POST',
      '/incidents',
      {
        title: 'Down',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
        detectedAt: '2024-05-01T11:50:00.000Z',
      },
    ],
    [
      'createPostmortem',
      (c: IncidentsClient) => c.createPostmortem('inc-1'),
      'POST',
      '/incidents/inc-1/postmortem',
      undefined,
    ],
    [
      'listPostmortems',
      (c: IncidentsClient) =>
        c.listPostmortems({ state: 'published', limit: 10 }),
      'GET',
      '/postmortems?state=published&limit=10',
      undefined,
    ],
    [
      'getPostmortem',
      (c: IncidentsClient) => c.getPostmortem('pm-1'),
      'GET',
      '/postmortems/pm-1',
      undefined,
    ],
    [
      'savePostmortem',
      (c: IncidentsClient) =>
        c.savePostmortem('pm-1', { expectedVersion: 4, summary: 'x' }),
      'PUT',
      '/postmortems/pm-1',
      { expectedVersion: 4, summary: 'x' },
    ],
    [
      'changePostmortemState',
      (c: IncidentsClient) =>
        c.changePostmortemState('pm-1', {
          state: 'in_review',
          expectedVersion: 4,
        }),
      'POST',
      '/postmortems/pm-1/state',
      { state: 'in_review', expectedVersion: 4 },
    ],
    [
      'listActionItems with several owners',
      (c: IncidentsClient) =>
        c.listActionItems({
          owner: ['user:default/alice', 'group:default/payments'],
          status: 'open',
        }),
      'GET',
      '/action-items?owner=user%3Adefault%2Falice%2Cgroup%3Adefault%2Fpayments&status=open',
      undefined,
    ],
    [
      'updateActionItem',
      (c: IncidentsClient) => c.updateActionItem('ai-1', { status: 'done' }),
      'PATCH',
      '/action-items/ai-1',
      { status: 'done' },
    ],
    [
      'getMetrics with a period',
      (c: IncidentsClient) =>
        c.getMetrics({
          entityRef: 'component:default/checkout',
          from: new Date('2024-04-01T00:00:00Z'),
          to: new Date('2024-05-01T00:00:00Z'),
        }),
      'GET',
      '/metrics?entityRef=component%3Adefault%2Fcheckout&from=2024-04-01T00%3A00%3A00.000Z&to=2024-05-01T00%3A00%3A00.000Z',
      undefined,
    ],
  ])('%s', async (_name, run, method, path, body) => {
    const { client, call } = setup(json({ ok: true }));
    await expect(run(client)).resolves.toEqual({ ok: true });
    const sent = call();
    expect(sent.method).toBe(method);
    expect(sent.url).toBe(`http://backend/api/incidents${path}`);
    expect(sent.body).toEqual(body);
    expect(sent.headers['Content-Type']).toBe(
      body === undefined ? undefined : 'application/json',
    );
  });

  it('asks for the UI config once', async () => {
    const config = {
      severities: {},
      allowCloseWithoutPublishedPostmortem: true,
    };
    const { client, fetch } = setup(json(config));
    await expect(client.getConfig()).resolves.toEqual(config);
    await expect(client.getConfig()).resolves.toEqual(config);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks for the UI config again after a failure', async () => {
    const { client, fetch } = setup(
      backendError(503, 'ServiceUnavailableError', 'down'),
      json({ severities: {} }),
    );
    await expect(client.getConfig()).rejects.toThrow();
    await expect(client.getConfig()).resolves.toEqual({ severities: {} });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('reads the postmortem Markdown as text', async () => {
    const { client, call } = setup(
      new Response('# Postmortem: Down\n', {
        headers: { 'Content-Type': 'text/markdown' },
      }),
    );
    await expect(client.getPostmortemMarkdown('pm-1')).resolves.toBe(
      '# Postmortem: Down\n',
    );
    expect(call().url).toBe(
      'http://backend/api/incidents/postmortems/pm-1/markdown',
    );
    expect(call().headers.Accept).toBe('text/markdown');
  });

  it('turns a 409 with the current state into an IncidentsConflictError', async () => {
    const current = { incident: { id: 'inc-1', version: 5 } };
    const { client } = setup(
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'version conflict: expected 3',
          },
          current,
        },
        409,
      ),
    );
    const error = await client
      .updateIncident('inc-1', { severity: 'SEV1', expectedVersion: 3 })
      .catch(e => e);
    expect(error).toBeInstanceOf(IncidentsConflictError);
    expect(error.message).toBe('version conflict: expected 3');
    expect(error.current).toEqual(current);
    expect(errorMessage(error)).toBe('version conflict: expected 3');
  });

  it('treats a 409 without a current state as an ordinary error', async () => {
    const { client } = setup(
      backendError(409, 'ConflictError', 'a closed incident cannot be changed'),
    );
    const error = await client.addNote('inc-1', 'late note').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(errorMessage(error)).toBe('a closed incident cannot be changed');
  });

  it('keeps the message of a bare {error} body', async () => {
    const { client } = setup(
      json(
        { error: { name: 'InputError', message: 'title: must not be empty' } },
        400,
      ),
    );
    const error = await client.declareIncident({} as any).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(errorMessage(error)).toBe('title: must not be empty');
  });

  it('surfaces the backend message of other errors', async () => {
    const { client } = setup(
      backendError(
        400,
        'InputError',
        'an incident can be closed only once its postmortem is published',
      ),
    );
    const error = await client
      .updateIncident('inc-1', { status: 'closed', expectedVersion: 1 })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(errorMessage(error)).toBe(
      'an incident can be closed only once its postmortem is published',
    );
  });
});
