import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { LaunchGatesApiError, LaunchGatesClient } from './client';

/*
 * The client against a real HTTP server on loopback: what goes over the
 * wire (method, path, query, body, headers) and how answers come back.
 */

interface Recorded {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (req: Recorded, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let recorded: Recorded[];
let handler: Handler;

function answerJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const entry: Recorded = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://localhost'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      recorded.push(entry);
      handler(entry, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}/api/launch-gates`;
});

afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

beforeEach(() => {
  recorded = [];
  handler = (_req, res) => answerJson(res, 200, { ok: true });
});

function client() {
  const getBaseUrl = jest.fn(async (_pluginId: string) => baseUrl);
  return {
    api: new LaunchGatesClient({ discoveryApi: { getBaseUrl } }),
    getBaseUrl,
  };
}

const path = (r: Recorded) => r.url.pathname.replace('/api/launch-gates', '');

describe('LaunchGatesClient', () => {
  it('asks discovery for the launch-gates base URL and reads templates', async () => {
    const { api, getBaseUrl } = client();
    handler = (_req, res) => answerJson(res, 200, { items: [], problems: [] });
    await expect(api.listTemplates()).resolves.toEqual({
      items: [],
      problems: [],
    });
    await api.getTemplate('default');
    expect(getBaseUrl).toHaveBeenCalledWith('launch-gates');
    expect(recorded.map(r => `${r.method} ${path(r)}`)).toEqual([
      'GET /templates',
      'GET /templates/default',
    ]);
  });

  it('lists reviews with repeated states and the filters that are set', async () => {
    const { api } = client();
    await api.listReviews({
      entityRef: 'component:default/scoring-api',
      state: ['open', 'reopened'],
      awaitingMe: true,
      targetFrom: '2026-12-01',
      limit: 20,
      offset: 40,
    });
    await api.listReviews({ state: 'go' });
    await api.listReviews();
    const [all, one, none] = recorded.map(r => r.url.searchParams);
    expect(all.getAll('state')).toEqual(['open', 'reopened']);
    expect(all.get('entityRef')).toBe('component:default/scoring-api');
    expect(all.get('awaitingMe')).toBe('true');
    expect(all.get('targetFrom')).toBe('2026-12-01');
    expect(all.get('limit')).toBe('20');
    expect(all.get('offset')).toBe('40');
    expect(one.getAll('state')).toEqual(['go']);
    expect([...none.keys()]).toEqual([]);
  });

  it('sends each mutation to its route with a JSON body', async () => {
    const { api } = client();
    const hash = 'a'.repeat(64);
    await api.openReview({
      entityRef: 'component:default/scoring-api',
      targetDate: '2026-12-24',
    });
    await api.editReview('r/1', { revision: 3, title: 'Launch' });
    await api.evaluateReview('r1');
    await api.evaluateReview('r1', { checkId: 'slo-history' });
    await api.answerCheck('r1', 'design-review', {
      answer: 'yes',
      comment: 'Reviewed in the design meeting',
      link: 'https://example.com/adr/7',
    });
    await api.uploadAttachment('r1', {
      filename: 'plan.txt',
      contentType: 'text/plain',
      contentBase64: 'aGk=',
    });
    await api.createWaiver('r1', {
      checkId: 'slo-history',
      reason: 'Fresh portal, history accrues',
      expiresAt: '2026-12-20T00:00:00.000Z',
    });
    await api.signOff('r1', {
      decision: 'go',
      comment: 'Go',
      evidenceHash: hash,
    });
    await api.postReport({
      schemaVersion: 1,
      kind: 'security-scan',
      entityRef: 'component:default/scoring-api',
      ranAt: '2026-12-01T00:00:00.000Z',
      scanners: [{ name: 'npm audit', completed: true }],
      findings: [],
    });

    expect(recorded.map(r => `${r.method} ${path(r)}${r.url.search}`)).toEqual([
      'POST /reviews',
      'PATCH /reviews/r%2F1',
      'POST /reviews/r1/evaluate',
      'POST /reviews/r1/evaluate?checkId=slo-history',
      'POST /reviews/r1/checks/design-review/answers',
      'POST /reviews/r1/attachments',
      'POST /reviews/r1/waivers',
      'POST /reviews/r1/sign-offs',
      'POST /reports',
    ]);
    const bodies = recorded.map(r => (r.body ? JSON.parse(r.body) : undefined));
    expect(bodies[0]).toEqual({
      entityRef: 'component:default/scoring-api',
      targetDate: '2026-12-24',
    });
    expect(bodies[2]).toBeUndefined();
    expect(bodies[7]).toEqual({
      decision: 'go',
      comment: 'Go',
      evidenceHash: hash,
    });
    for (const r of recorded.filter(x => x.body)) {
      expect(r.headers['content-type']).toBe('application/json');
    }
  });

  it('reads the export as JSON and as Markdown, and reports by filter', async () => {
    const { api } = client();
    handler = (req, res) => {
      if (req.url.searchParams.get('format') === 'markdown') {
        res.writeHead(200, { 'Content-Type': 'text/markdown; charset=utf-8' });
        res.end('# Launch review\n');
      } else {
        answerJson(res, 200, { schemaVersion: 1, review: { id: 'r1' } });
      }
    };
    await expect(api.exportReviewJson('r1')).resolves.toMatchObject({
      schemaVersion: 1,
    });
    await expect(api.exportReviewMarkdown('r1')).resolves.toBe(
      '# Launch review\n',
    );
    await api.listReports({
      entityRef: 'component:default/scoring-api',
      kind: 'load-test',
      limit: 5,
    });
    expect(recorded.map(r => `${path(r)}${r.url.search}`)).toEqual([
      '/reviews/r1/export?format=json',
      '/reviews/r1/export?format=markdown',
      '/reports?entityRef=component%3Adefault%2Fscoring-api&kind=load-test&limit=5',
    ]);
  });

  it('downloads an attachment with its name and type', async () => {
    const { api } = client();
    handler = (_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="plan.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
      });
      res.end(Buffer.from('%PDF-1.4'));
    };
    const file = await api.getAttachment('r1', 'a1');
    expect(file.filename).toBe('résumé.pdf');
    expect(file.contentType).toBe('application/pdf');
    expect(await file.content.text()).toBe('%PDF-1.4');
    expect(path(recorded[0])).toBe('/reviews/r1/attachments/a1');
  });

  it("fails with the status code and the backend's message", async () => {
    const { api } = client();
    const message =
      'Blocking checks do not pass and have no waiver: slo-history (fail)';
    handler = (_req, res) => {
      res.writeHead(409, {
        'Content-Type': 'application/json',
        'x-request-id': 'req-409',
      });
      res.end(
        JSON.stringify({
          error: { name: 'ConflictError', message },
          response: { statusCode: 409 },
        }),
      );
    };
    const error = await api
      .signOff('r1', { decision: 'go', comment: 'x', evidenceHash: 'a' })
      .catch(e => e);
    expect(error).toBeInstanceOf(LaunchGatesApiError);
    expect(error).toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      backendMessage: message,
      message: `Request failed with 409 Conflict: ${message}`,
      requestId: 'req-409',
    });
  });

  it('fails with the status alone when the body is not JSON', async () => {
    const { api } = client();
    handler = (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>bad gateway</html>');
    };
    const error = await api.getReview('r1').catch(e => e);
    expect(error.message).toBe('Request failed with 502 Bad Gateway');
    expect(error.backendMessage).toBeUndefined();
  });

  it('passes requests through the fetch it is given (which adds the token)', async () => {
    const fetch = jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
      globalThis.fetch(input, {
        ...init,
        headers: { ...(init?.headers as object), Authorization: 'Bearer t' },
      }),
    );
    const api = new LaunchGatesClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch },
    });
    await api.getReview('r1');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(recorded[0].headers.authorization).toBe('Bearer t');
  });
});
