// Files live in fresh temporary folders the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  MemoryCatalog,
  SERVICE_INPUT,
  temporaryFolder,
} from '../__testUtils__/fixtures';
import { createStarterScheduleAction } from './createStarterSchedule';
import { createWriteServiceAction } from './writeService';

/**
 * A stand-in for the on-call API's two routes this action calls (the real
 * plugin's permissions are covered by its own router tests): it records the
 * requests and answers as configured.
 */
function onCallApi(answers: { total: number; createStatus: number }) {
  const requests: {
    method: string;
    url: string;
    body: string;
    auth?: string;
  }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({
        method: req.method!,
        url: req.url!,
        body,
        auth: req.headers.authorization,
      });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') {
        res.end(JSON.stringify({ items: [], total: answers.total }));
      } else {
        res.statusCode = answers.createStatus;
        res.end(
          JSON.stringify(
            answers.createStatus === 201
              ? { id: 'sched-1' }
              : { error: { message: 'no' } },
          ),
        );
      }
    });
  });
  return { server, requests };
}

describe('vigil:oncall:create-starter-schedule', () => {
  let root: ReturnType<typeof temporaryFolder>;
  let catalogFolder: string;

  beforeEach(async () => {
    root = temporaryFolder();
    catalogFolder = path.join(root.folder, 'catalog');
    fs.mkdirSync(catalogFolder);
    await createWriteServiceAction({
      catalogFolder,
      catalog: new MemoryCatalog(),
      today: () => '2026-03-02',
    }).handler(
      createMockActionContext({
        input: SERVICE_INPUT as any,
        user: { ref: 'user:default/carol' },
      }),
    );
  });
  afterEach(() => root.cleanup());

  async function run(answers: { total: number; createStatus: number }) {
    const api = onCallApi(answers);
    await new Promise<void>(resolve =>
      api.server.listen(7601, '127.0.0.1', resolve),
    );
    try {
      const { port } = api.server.address() as AddressInfo;
      const action = createStarterScheduleAction({
        catalogFolder,
        auth: mockServices.auth(),
        discovery: {
          getBaseUrl: async () => `http://127.0.0.1:${port}/api/oncall`,
          getExternalBaseUrl: async () => `http://127.0.0.1:${port}/api/oncall`,
        },
      });
      const ctx = createMockActionContext({ input: { name: 'checkout-api' } });
      await action.handler(ctx);
      return { ctx, requests: api.requests };
    } finally {
      await new Promise(resolve => api.server.close(resolve));
    }
  }

  it("creates oncall.yaml's schedule when the group has none", async () => {
    const { ctx, requests } = await run({ total: 0, createStatus: 201 });
    expect(requests.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/oncall/schedules?ownerRef=group%3Adefault%2Fpayments&limit=1',
      'POST /api/oncall/schedules',
    ]);
    // On behalf of the user running the template, not as the scaffolder.
    expect(requests[1].auth).toMatch(/^Bearer /);
    expect(JSON.parse(requests[1].body)).toMatchObject({
      ownerRef: 'group:default/payments',
      name: 'Checkout API on-call',
      layers: [
        { participants: ['user:default/carol'], start: '2026-03-02T09:00' },
      ],
    });
    expect(ctx.output).toHaveBeenCalledWith('created', true);
    expect(ctx.output).toHaveBeenCalledWith('scheduleId', 'sched-1');
  });

  it.each([
    [{ total: 2, createStatus: 201 }, /already has 2 schedules/, 1],
    [
      { total: 0, createStatus: 403 },
      /Only members of group:default\/payments/,
      2,
    ],
    [
      { total: 0, createStatus: 400 },
      /refused the starter schedule \(400\)/,
      2,
    ],
  ])('creates nothing and says why (%j)', async (answers, message, calls) => {
    const { ctx, requests } = await run(answers);
    expect(requests).toHaveLength(calls);
    expect(ctx.output).toHaveBeenCalledWith('created', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'message',
      expect.stringMatching(message),
    );
  });
});
