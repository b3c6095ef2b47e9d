import { mockServices } from '@backstage/backend-test-utils';
import { IncidentsCollatorFactory } from './IncidentsCollatorFactory';

function page(ids: string[], nextCursor?: string) {
  return {
    items: ids.map(id => ({
      title: `[SEV2] Incident ${id}`,
      text: 'text',
      location: `/incidents/${id}`,
      incidentId: id,
      severity: 'SEV2',
      status: 'resolved',
      entityRefs: ['component:default/scoring-api'],
      declaredAt: '2026-11-01T00:00:00.000Z',
    })),
    ...(nextCursor ? { nextCursor } : {}),
  };
}

describe('IncidentsCollatorFactory', () => {
  it('pages through the incidents backend with a service token', async () => {
    const calls: Array<{ url: string; auth: string | null }> = [];
    const responses = [page(['a', 'b'], 'b'), page(['c'])];
    const fetchFn = jest.fn(async (url: URL, init?: RequestInit) => {
      calls.push({
        url: url.toString(),
        auth: new Headers(init?.headers).get('authorization'),
      });
      return new Response(JSON.stringify(responses.shift()), { status: 200 });
    });
    const factory = new IncidentsCollatorFactory('incident', {
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      pageSize: 2,
      fetch: fetchFn as unknown as typeof fetch,
    });
    const docs = [];
    for await (const doc of await factory.getCollator()) docs.push(doc);
    expect(docs.map(d => d.location)).toEqual([
      '/incidents/a',
      '/incidents/b',
      '/incidents/c',
    ]);
    expect(calls[0].url).toMatch(
      /\/api\/incidents\/search\/incidents\?limit=2$/,
    );
    expect(calls[1].url).toMatch(/cursor=b/);
    expect(calls[0].auth).toMatch(/^Bearer /);
    // Search shows a document only to those who may read its entity.
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
    expect(docs[0].authorization).toEqual({
      resourceRef: 'component:default/scoring-api',
    });
  });

  it('fails the collation when the backend answers an error', async () => {
    const factory = new IncidentsCollatorFactory('postmortem', {
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      fetch: (async () =>
        new Response(
          JSON.stringify({ error: { name: 'Error', message: 'down' } }),
          {
            status: 503,
            headers: { 'content-type': 'application/json' },
          },
        )) as unknown as typeof fetch,
    });
    const collect = async () => {
      for await (const _ of await factory.getCollator()) {
        // drain
      }
    };
    await expect(collect()).rejects.toThrow(/503/);
  });
});
