/**
 * Markers read over HTTP from stand-ins of the deployments and incidents
 * backends (their documented list answers), with the backend's own
 * service token; a backend that fails leaves a note, not an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { MarkerReader } from './MarkerReader';

const FROM = Date.parse('2026-12-01T09:00:00Z');
const TO = Date.parse('2026-12-01T10:00:00Z');

describe('MarkerReader', () => {
  let server: http.Server;
  const seen: Array<{ url: string; authorization?: string }> = [];
  let incidentsStatus = 200;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url!, authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      if (req.url!.startsWith('/api/deployments/deployments?')) {
        res.end(
          JSON.stringify({
            items: [
              {
                startedAt: '2026-12-01T09:30:00Z',
                kind: 'deploy',
                outcome: 'succeeded',
                release: { version: '1.4.0', commit: 'abcdef1' },
              },
            ],
            totalCount: 1,
          }),
        );
      } else if (req.url!.startsWith('/api/incidents/incidents?')) {
        res.statusCode = incidentsStatus;
        res.end(
          JSON.stringify({
            items: [
              // Open during the range: kept.
              {
                id: 'a',
                title: 'Slow scoring',
                severity: 'sev2',
                timestamps: {
                  detectedAt: '2026-12-01T08:50:00Z',
                  resolvedAt: '2026-12-01T09:10:00Z',
                },
              },
              // Still open: kept, without an end.
              {
                id: 'b',
                title: 'Errors',
                timestamps: { declaredAt: '2026-12-01T09:55:00Z' },
              },
              // Resolved before the range, and after it: left out.
              {
                id: 'c',
                title: 'Old',
                timestamps: {
                  detectedAt: '2026-12-01T07:00:00Z',
                  resolvedAt: '2026-12-01T08:00:00Z',
                },
              },
              {
                id: 'd',
                title: 'Later',
                timestamps: { detectedAt: '2026-12-01T11:00:00Z' },
              },
            ],
            totalCount: 4,
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => server.close());

  const reader = () =>
    new MarkerReader({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async (id: string) =>
          `http://127.0.0.1:${
            (server.address() as AddressInfo).port
          }/api/${id}`,
        getExternalBaseUrl: async () => '',
      },
    });

  it('reads deploys in the range and incidents open during it', async () => {
    incidentsStatus = 200;
    const markers = await reader().markers(
      'component:default/scoring-api',
      FROM,
      TO,
    );
    expect(markers).toEqual({
      deploys: [
        {
          at: '2026-12-01T09:30:00Z',
          kind: 'deploy',
          outcome: 'succeeded',
          version: '1.4.0',
        },
      ],
      incidents: [
        {
          id: 'a',
          title: 'Slow scoring',
          severity: 'sev2',
          at: '2026-12-01T08:50:00Z',
          resolvedAt: '2026-12-01T09:10:00Z',
        },
        { id: 'b', title: 'Errors', at: '2026-12-01T09:55:00Z' },
      ],
      notes: [],
    });
    const deploys = new URL(
      seen.find(s => s.url.includes('/deployments?'))!.url,
      'http://x',
    );
    expect(Object.fromEntries(deploys.searchParams)).toEqual({
      entityRef: 'component:default/scoring-api',
      from: '2026-12-01T09:00:00.000Z',
      to: '2026-12-01T10:00:00.000Z',
      limit: '200',
    });
    expect(seen.every(s => s.authorization?.startsWith('Bearer '))).toBe(true);
  });

  it('notes a backend that fails and keeps the other markers', async () => {
    incidentsStatus = 503;
    const markers = await reader().markers(
      'component:default/scoring-api',
      FROM,
      TO,
    );
    expect(markers.deploys).toHaveLength(1);
    expect(markers.incidents).toEqual([]);
    expect(markers.notes).toEqual([
      'Incident markers are missing: the incidents backend answered 503',
    ]);
  });
});
