// Files under the test's own temporary directory.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ReviewExport } from '@vigil/backstage-plugin-launch-gates-common';
import { USAGE, runCli } from './cli';

const REVIEW_ID = '0f8a1c2e-1111-4222-8333-444455556666';
const TOKEN = 'test-gates-token';

const exportDoc: ReviewExport = {
  schemaVersion: 1,
  kind: 'launch-review',
  exportedAt: '2026-12-01T09:03:04.123Z',
  exportedBy: 'external:vigil-gates',
  review: {
    id: REVIEW_ID,
    entityRef: 'component:default/scoring-api',
    entityTitle: null,
    title: 'Scoring API launch',
    templateName: 'default',
    templateTitle: 'Default',
    targetDate: '2026-12-15',
    state: 'open',
    productOwners: ['group:default/product-owners'],
    createdBy: 'user:default/erin',
    createdAt: '2026-12-01T07:00:00.000Z',
    updatedAt: '2026-12-01T07:00:00.000Z',
    lastEvaluatedAt: null,
    revision: 1,
    evidenceHash: 'b'.repeat(64),
    counts: { pass: 0, fail: 0, unknown: 0, pending: 1, waived: 0 },
    blockers: ['load-test'],
  },
  decision: null,
  gates: [],
  answers: [],
  waivers: [],
  signOffs: [],
  events: [],
};

const loadTestReport = {
  schemaVersion: 1,
  kind: 'load-test',
  entityRef: 'component:default/scoring-api',
  ranAt: '2026-12-01T08:00:00.000Z',
  tool: 'autocannon',
  load: { url: 'http://127.0.0.1:8080/v1/score', connections: 20 },
  requests: 1000,
  errors: 0,
  latencyMs: { p50: 3, p95: 9, p99: 15 },
  peakMemoryBytes: 90_000_000,
};

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body?: unknown;
}

let server: http.Server;
let baseUrl: string;
let seen: Seen[];
let dir: string;
/** Reviews `GET /reviews` lists for scoring-api. */
let listed: Array<{ id: string; createdAt: string }>;

beforeAll(async () => {
  // A real HTTP server with the launch-gates routes the CLI calls.
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        authorization: req.headers.authorization,
        body: body ? JSON.parse(body) : undefined,
      });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        json(401, { error: { name: 'AuthenticationError', message: 'no' } });
        return;
      }
      const url = new URL(req.url!, 'http://x');
      const exportMatch = url.pathname.match(
        /^\/api\/launch-gates\/reviews\/([^/]+)\/export$/,
      );
      if (exportMatch && exportMatch[1] !== REVIEW_ID) {
        json(404, {
          error: { name: 'NotFoundError', message: 'No review nope' },
        });
      } else if (exportMatch && url.searchParams.get('format') === 'json') {
        json(200, exportDoc);
      } else if (exportMatch) {
        res.writeHead(200, { 'content-type': 'text/markdown' });
        res.end('# Go/No-Go: Scoring API launch\n');
      } else if (url.pathname === '/api/launch-gates/reviews') {
        const offset = Number(url.searchParams.get('offset'));
        json(200, {
          items: listed.slice(offset, offset + 200),
          totalCount: listed.length,
          limit: 200,
          offset,
        });
      } else if (url.pathname === '/api/launch-gates/reports') {
        json(201, {
          id: 'rep-1',
          entityRef: loadTestReport.entityRef,
          kind: 'load-test',
          ranAt: loadTestReport.ranAt,
          postedBy: 'external:vigil-gates',
          postedAt: '2026-12-01T09:00:00.000Z',
          report: JSON.parse(body),
        });
      } else {
        json(404, { error: { name: 'NotFoundError', message: 'no route' } });
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  listed = [];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-gates-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `token` '': none found. */
function run(argv: string[], token = TOKEN) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(argv, {
    stdout: t => out.push(t),
    stderr: t => err.push(t),
    context: overrides => ({
      root: dir,
      baseUrl: overrides.baseUrl ?? baseUrl,
      token: token || undefined,
    }),
  }).then(code => ({ code, out: out.join(''), err: err.join('') }));
}

const exportedFiles = [
  'validation/launch-reviews/scoring-api/20261201T090304Z-0f8a1c2e.json',
  'validation/launch-reviews/scoring-api/20261201T090304Z-0f8a1c2e.md',
];

describe('vigil-gates', () => {
  it('prints its usage', async () => {
    await expect(run(['--help'])).resolves.toMatchObject({
      code: 0,
      out: `${USAGE}\n`,
    });
    await expect(run([])).resolves.toMatchObject({ code: 2 });
  });

  it.each([
    [['ship'], 'unknown command "ship"'],
    [['export'], 'export needs --review <id> or --entity <ref>, not both'],
    [
      ['export', '--review', REVIEW_ID, '--entity', 'component:default/x'],
      'not both',
    ],
    [['export', '--review', '../etc'], '--review must be a review id'],
    [
      ['export', '--entity', 'scoring-api'],
      '--entity must be a full entity ref',
    ],
    [
      ['export', '--review', REVIEW_ID, '--base-url', 'ftp://x'],
      '--base-url must be an http(s) URL',
    ],
    [['export', '--reviews', REVIEW_ID], "Unknown option '--reviews'"],
    [['post-report'], 'post-report needs --file <report.json>'],
  ])('answers %j with a usage error', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain('usage: vigil-gates');
  });

  it('exports a review as JSON and Markdown under validation/launch-reviews', async () => {
    const { code, out, err } = await run(['export', '--review', REVIEW_ID]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain(exportedFiles[0]);
    expect(
      JSON.parse(fs.readFileSync(path.join(dir, exportedFiles[0]), 'utf8')),
    ).toEqual(exportDoc);
    expect(fs.readFileSync(path.join(dir, exportedFiles[1]), 'utf8')).toBe(
      '# Go/No-Go: Scoring API launch\n',
    );
    expect(seen.map(s => [s.method, s.url, s.authorization])).toEqual([
      [
        'GET',
        `/api/launch-gates/reviews/${REVIEW_ID}/export?format=json`,
        `Bearer ${TOKEN}`,
      ],
      [
        'GET',
        `/api/launch-gates/reviews/${REVIEW_ID}/export?format=markdown`,
        `Bearer ${TOKEN}`,
      ],
    ]);
  });

  it('never overwrites an earlier export', async () => {
    await expect(run(['export', '--review', REVIEW_ID])).resolves.toMatchObject(
      { code: 0 },
    );
    const again = await run(['export', '--review', REVIEW_ID]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('EEXIST');
  });

  it("exports an entity's latest review, paging through its reviews", async () => {
    listed = Array.from({ length: 250 }, (_, i) => ({
      id: i === 217 ? REVIEW_ID : `older-${i}`,
      createdAt: new Date(
        Date.parse('2026-11-01T00:00:00Z') + (i === 217 ? 1e10 : i * 1000),
      ).toISOString(),
    }));
    const { code, err } = await run([
      'export',
      '--entity',
      'component:default/scoring-api',
      '--out',
      'elsewhere',
    ]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(seen.slice(0, 2).map(s => s.url)).toEqual([
      '/api/launch-gates/reviews?entityRef=component%3Adefault%2Fscoring-api&limit=200&offset=0',
      '/api/launch-gates/reviews?entityRef=component%3Adefault%2Fscoring-api&limit=200&offset=200',
    ]);
    expect(
      fs.existsSync(
        path.join(dir, 'elsewhere/scoring-api/20261201T090304Z-0f8a1c2e.md'),
      ),
    ).toBe(true);
  });

  it('says when the entity has no review', async () => {
    const { code, err } = await run([
      'export',
      '--entity',
      'component:default/scoring-api',
    ]);
    expect(code).toBe(1);
    expect(err).toContain('component:default/scoring-api has no launch review');
  });

  it.each([
    [
      'an unknown review',
      ['export', '--review', 'nope'],
      TOKEN,
      /answered 404: No review nope/,
    ],
    [
      'no token',
      ['export', '--review', REVIEW_ID],
      '',
      /no token: set VIGIL_LAUNCH_GATES_TOKEN/,
    ],
    [
      'a wrong token',
      ['export', '--review', REVIEW_ID],
      'wrong',
      /answered 401/,
    ],
    [
      'an unreachable portal',
      ['export', '--review', REVIEW_ID, '--base-url', 'http://127.0.0.1:1'],
      TOKEN,
      /the portal at http:\/\/127\.0\.0\.1:1 is unreachable/,
    ],
  ])('fails clearly on %s', async (_what, argv, token, message) => {
    const { code, err } = await run(argv, token);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(fs.existsSync(path.join(dir, 'validation'))).toBe(false);
  });

  it('posts a valid report', async () => {
    fs.writeFileSync(
      path.join(dir, 'report.json'),
      JSON.stringify(loadTestReport),
    );
    const { code, out, err } = await run([
      'post-report',
      '--file',
      'report.json',
    ]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('posted load-test report rep-1');
    expect(seen).toEqual([
      {
        method: 'POST',
        url: '/api/launch-gates/reports',
        authorization: `Bearer ${TOKEN}`,
        body: loadTestReport,
      },
    ]);
  });

  it.each([
    ['not JSON', '{', /cannot read .*report\.json/],
    [
      'a report missing figures',
      JSON.stringify({ ...loadTestReport, latencyMs: undefined }),
      /is not a load-test or security-scan report: latencyMs: Required/,
    ],
    [
      'an unknown kind',
      JSON.stringify({ ...loadTestReport, kind: 'pen-test' }),
      /kind: Invalid discriminator value/,
    ],
  ])('refuses %s without posting', async (_what, content, message) => {
    fs.writeFileSync(path.join(dir, 'report.json'), content);
    const { code, err } = await run(['post-report', '--file', 'report.json']);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(seen).toEqual([]);
  });
});
