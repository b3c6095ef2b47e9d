/**
 * The HTTP API in a test backend: who may call it (401), what input it
 * takes (400), whose entities it answers for (404 otherwise), and answers
 * that conform to openapi.yaml.
 */
import path from 'node:path';
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  createResponseValidator,
  readOpenApiDocument,
} from '@vigil/openapi-contract';
import { BOB, startBackend } from './__testUtils__/backend';

const validate = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../openapi.yaml')),
);
const OPERATION = 'GET /entities/{kind}/{namespace}/{name}/health';

const url = (name: string, query = '') =>
  `/api/service-health/entities/component/default/${name}/health${query}`;

describe('the service health API', () => {
  it('needs an authenticated user or service', async () => {
    const server = await startBackend();
    const none = await request(server).get(url('scoring-api'));
    expect(none.status).toBe(401);
    expect(validate(OPERATION, none)).toEqual([]);
    const service = await request(server)
      .get(url('scoring-api'))
      .set('authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
  });

  it.each([
    ['?range=2h', 'range'],
    ['?range=', 'range'],
    ['?range=1h&range=6h', 'range'],
    ['?colour=blue', 'colour'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const server = await startBackend();
    const res = await request(server)
      .get(url('scoring-api', query))
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(field);
    expect(validate(OPERATION, res)).toEqual([]);
  });

  it('answers 400 for a malformed entity name', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/service-health/entities/component/default/-x%20y/health')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
  });

  it('is a 404 for an entity the caller may not read, or that does not exist', async () => {
    const server = await startBackend();
    for (const name of ['secret', 'nothing']) {
      const res = await request(server)
        .get(url(name))
        .set('authorization', mockCredentials.user.header(BOB));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain(`component:default/${name}`);
      expect(validate(OPERATION, res)).toEqual([]);
    }
    const alice = await request(server)
      .get(url('secret'))
      .set('authorization', mockCredentials.user.header());
    expect(alice.status).toBe(200);
  });

  it('says Prometheus is not configured, and conforms to the document', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(url('scoring-api', '?range=7d'))
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(validate(OPERATION, res)).toEqual([]);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/scoring-api',
      range: '7d',
      stepSeconds: 1800,
      rateWindow: '1h',
      selector: 'job="scoring-api"',
      state: 'prometheus-down',
      message:
        'Prometheus is not configured (vigil.prometheus.url), so no health data can be shown.',
      prometheus: { reachable: false },
    });
  });

  it('says what is wrong with an entity without a selector', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get(url('plain'))
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('misconfigured');
    expect(res.body.annotationIssues).toEqual([
      expect.stringContaining('neither vigil.dev/prometheus-job'),
    ]);
  });
});
