import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { IncidentsClient } from './IncidentsClient';

const ALICE = 'user:default/alice';

/** What the tiny incidents backend of these tests received. */
interface Received {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
}

/**
 * A stand-in for the incidents backend's routes this client calls, with an
 * incident whose version and acknowledgement the tests set.
 */
async function incidentsBackend() {
  const received: Received[] = [];
  const incident = {
    id: 'inc-1',
    version: 3,
    timestamps: {} as { acknowledgedAt?: string },
  };
  let acknowledgeAnswers: Array<{ status: number; body?: object }> = [];
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    received.push({
      method: req.method,
      path: req.path,
      authorization: req.headers.authorization,
      body: req.body,
    });
    next();
  });
  app.get('/api/incidents/incidents/:id', (req, res) => {
    if (req.params.id !== incident.id) {
      res.status(404).json({ error: { name: 'NotFoundError', message: 'no' } });
      return;
    }
    res.json({ incident, ownerRefs: [], timeline: [] });
  });
  app.post('/api/incidents/incidents/:id/acknowledge', (_req, res) => {
    const answer = acknowledgeAnswers.shift() ?? { status: 200 };
    res.status(answer.status).json(answer.body ?? { incident });
  });
  app.post('/api/incidents/incidents/:id/paging', (_req, res) => {
    res.status(204).end();
  });
  const server: Server = await new Promise(resolve => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  const logger = mockServices.logger.mock();
  const client = new IncidentsClient({
    discovery: {
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/incidents`,
      getExternalBaseUrl: async () => `http://127.0.0.1:${port}/api/incidents`,
    },
    auth: mockServices.auth(),
    logger,
  });
  return {
    client,
    logger,
    received,
    incident,
    answerAcknowledge: (...answers: typeof acknowledgeAnswers) => {
      acknowledgeAnswers = answers;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('IncidentsClient', () => {
  let backend: Awaited<ReturnType<typeof incidentsBackend>>;
  beforeEach(async () => {
    backend = await incidentsBackend();
  });
  afterEach(() => backend.close());

  const serviceToken = mockCredentials.service.token({
    onBehalfOf: mockCredentials.service('plugin:test'),
    targetPluginId: 'incidents',
  });
  const userToken = mockCredentials.service.token({
    onBehalfOf: mockCredentials.user(ALICE),
    targetPluginId: 'incidents',
  });

  it('records a paging event with its own service token', async () => {
    await backend.client.recordPaging('inc-1', {
      at: Date.parse('2026-11-01T10:05:00Z'),
      repeatIndex: 0,
      stepIndex: 1,
      userRefs: [ALICE],
      policyName: 'Payments',
      via: ['schedule:primary'],
    });
    expect(backend.received).toEqual([
      {
        method: 'POST',
        path: '/api/incidents/incidents/inc-1/paging',
        authorization: `Bearer ${serviceToken}`,
        body: {
          events: [
            {
              type: 'paged',
              at: '2026-11-01T10:05:00.000Z',
              repeatIndex: 0,
              stepIndex: 1,
              userRefs: [ALICE],
              policyName: 'Payments',
              via: ['schedule:primary'],
            },
          ],
        },
      },
    ]);
  });

  it('acknowledges as the user, naming the version it read', async () => {
    await backend.client.acknowledge('inc-1', mockCredentials.user(ALICE));
    expect(
      backend.received.map(r => [r.method, r.path, r.authorization, r.body]),
    ).toEqual([
      ['GET', '/api/incidents/incidents/inc-1', `Bearer ${userToken}`, {}],
      [
        'POST',
        '/api/incidents/incidents/inc-1/acknowledge',
        `Bearer ${userToken}`,
        { expectedVersion: 3 },
      ],
    ]);
  });

  it('tries once more with the current version after a concurrent edit', async () => {
    backend.answerAcknowledge({
      status: 409,
      body: {
        error: { name: 'ConflictError', message: 'stale' },
        current: { incident: { version: 4, timestamps: {} } },
      },
    });
    await backend.client.acknowledge('inc-1', mockCredentials.user(ALICE));
    expect(
      backend.received
        .filter(r => r.path.endsWith('/acknowledge'))
        .map(r => r.body),
    ).toEqual([{ expectedVersion: 3 }, { expectedVersion: 4 }]);
    expect(backend.logger.warn).not.toHaveBeenCalled();
  });

  it('leaves an incident someone already acknowledged as it is', async () => {
    backend.incident.timestamps.acknowledgedAt = '2026-11-01T10:01:00Z';
    await backend.client.acknowledge('inc-1', mockCredentials.user(ALICE));
    expect(backend.received.map(r => r.method)).toEqual(['GET']);
  });

  it('logs refusals and unreachable backends instead of throwing', async () => {
    backend.answerAcknowledge({
      status: 403,
      body: { error: { name: 'NotAllowedError', message: 'not an owner' } },
    });
    await backend.client.acknowledge('inc-1', mockCredentials.user(ALICE));
    expect(backend.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/acknowledge incident inc-1.*403.*not an owner/),
    );
    await backend.client.acknowledge('missing', mockCredentials.user(ALICE));
    expect(backend.logger.warn).toHaveBeenLastCalledWith(
      expect.stringMatching(/read incident missing.*404/),
    );

    await backend.close();
    await expect(
      backend.client.recordPaging('inc-1', {
        at: 0,
        repeatIndex: 0,
        stepIndex: 0,
        userRefs: [ALICE],
        via: [ALICE],
      }),
    ).resolves.toBeUndefined();
    expect(backend.logger.warn).toHaveBeenLastCalledWith(
      expect.stringContaining('Could not record paging on incident inc-1'),
    );
    // afterEach closes it again.
    backend.close = async () => undefined;
  });
});
