// Files in temporary directories the tests create.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deploymentCreateSchema } from '@vigil/backstage-plugin-deployments-common';
import { fakeFetch, json } from '../testUtils/fakeFetch';
import { DeploymentRecorder } from './DeploymentRecorder';

const create = {
  entityRef: 'component:default/scoring-api',
  environment: 'production',
  kind: 'deploy' as const,
  release: { version: '0.1.0+3f2a1bc', commit: '3f2a1bc', dirty: false },
  toColor: 'green' as const,
  startedAt: '2026-12-01T10:00:00.000Z',
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('DeploymentRecorder', () => {
  it('posts the record, then patches it with the stored revision', async () => {
    const calls: Array<{
      method: string;
      url: string;
      auth: string | null;
      body: any;
    }> = [];
    let revision = 1;
    const recorder = new DeploymentRecorder(create, {
      backendUrl: 'http://portal:7007',
      token: 'deploy-token',
      recordsDir: dir,
      warn: () => {
        throw new Error('no warning expected');
      },
      fetch: fakeFetch([
        [
          /portal:7007\/api\/deployments\/deployments/,
          (url, init) => {
            const body = JSON.parse(String(init?.body));
            calls.push({
              method: String(init?.method),
              url,
              auth: new Headers(init?.headers).get('authorization'),
              body,
            });
            if (init?.method === 'PATCH' && body.revision !== revision) {
              return json({ error: { message: 'stale' } }, 409);
            }
            revision += init?.method === 'PATCH' ? 1 : 0;
            return json(
              { id: 'd-1', revision },
              init?.method === 'POST' ? 201 : 200,
            );
          },
        ],
      ]),
    });
    await recorder.open();
    recorder.stepStarted('build');
    recorder.stepFinished('build', 'succeeded');
    await recorder.finish('succeeded');
    await recorder.flush();

    expect(recorder.id).toBe('d-1');
    expect(calls.map(c => `${c.method} ${c.url}`)).toEqual([
      'POST http://portal:7007/api/deployments/deployments',
      'PATCH http://portal:7007/api/deployments/deployments/d-1',
      'PATCH http://portal:7007/api/deployments/deployments/d-1',
      'PATCH http://portal:7007/api/deployments/deployments/d-1',
    ]);
    expect(calls.every(c => c.auth === 'Bearer deploy-token')).toBe(true);
    expect(deploymentCreateSchema.safeParse(calls[0].body).success).toBe(true);
    expect(calls.slice(1).map(c => c.body.revision)).toEqual([1, 2, 3]);
    expect(calls[3].body).toMatchObject({
      outcome: 'succeeded',
      finishedAt: expect.any(String),
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.each([
    [
      'unreachable',
      fakeFetch([]),
      /the portal at http:\/\/portal:7007 is unreachable/,
    ],
    [
      'refusing the token',
      fakeFetch([[/portal/, () => json({ error: { message: 'no' } }, 401)]]),
      /answered POST .* with 401/,
    ],
  ])(
    'keeps the record as a file when the portal is %s',
    async (_name, doFetch, why) => {
      const warnings: string[] = [];
      const recorder = new DeploymentRecorder(create, {
        backendUrl: 'http://portal:7007',
        recordsDir: dir,
        warn: line => warnings.push(line),
        fetch: doFetch,
      });
      await recorder.open();
      recorder.stepStarted('build');
      await recorder.finish('failed', 'smoke tests failed');
      await recorder.flush();

      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(why);
      expect(warnings[0]).toContain(recorder.filePath());
      const kept = JSON.parse(fs.readFileSync(recorder.filePath(), 'utf8'));
      expect(kept).toMatchObject({
        outcome: 'failed',
        reason: 'smoke tests failed',
      });
      // The file is a valid DeploymentCreate: it can be posted later as is.
      expect(deploymentCreateSchema.safeParse(kept).success).toBe(true);
    },
  );
});
