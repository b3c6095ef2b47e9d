// The test's own temporary template directory.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  launchGatesCheckProvidersExtensionPoint,
  type LaunchGatesCheckProvider,
} from '@vigil/backstage-plugin-launch-gates-node';
import { stringify } from 'yaml';
import { z } from 'zod';
import { launchGatesPlugin } from '../plugin';

// Another plugin's check provider, added through the extension point of
// @vigil/backstage-plugin-launch-gates-node by a backend module, is one the
// templates may name; a provider id taken already stops the backend.

const releaseNotes: LaunchGatesCheckProvider<{ minWords: number }> = {
  id: 'release-notes',
  title: 'Release notes written',
  description: 'A provider of another plugin',
  paramsSchema: z.object({ minWords: z.number().int().default(50) }).strict(),
  measures: [{ name: 'words', description: 'Words of the release notes' }],
  defaultPassRule: params => [
    { measure: 'words', op: '>=', target: params.minWords },
  ],
  async evaluate() {
    return { kind: 'measured', measurements: { words: 120 }, summary: 'ok' };
  },
};

const moduleAdding = (provider: LaunchGatesCheckProvider<any>) =>
  createBackendModule({
    pluginId: 'launch-gates',
    moduleId: `provider-${provider.id}`,
    register(env) {
      env.registerInit({
        deps: { gates: launchGatesCheckProvidersExtensionPoint },
        async init({ gates }) {
          gates.addCheckProvider(provider);
        },
      });
    },
  });

const template = {
  apiVersion: 'vigil.dev/v1alpha1',
  kind: 'LaunchReviewTemplate',
  metadata: { name: 'with-notes', title: 'With release notes' },
  spec: {
    gates: [
      {
        id: 'docs',
        title: 'Docs',
        checks: [
          {
            id: 'release-notes',
            type: 'automated',
            title: 'Release notes',
            provider: 'release-notes',
            params: { minWords: 100 },
            pass: [{ measure: 'words', op: '>=', target: 100 }],
          },
          {
            id: 'slo-history',
            type: 'automated',
            title: 'SLOs',
            provider: 'slo-history',
          },
        ],
      },
    ],
  },
};

describe('launchGatesCheckProvidersExtensionPoint', () => {
  const databases = testDatabases();
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lg-extension-'));
    fs.writeFileSync(path.join(dir, 'with-notes.yaml'), stringify(template));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function start(modules: Array<ReturnType<typeof moduleAdding>>) {
    const knex = await databases.init('SQLITE_3');
    return startTestBackend({
      features: [
        launchGatesPlugin,
        ...modules,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities: [] }),
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { launchGates: { templates: { directories: [dir] } } },
        }),
      ],
    });
  }

  const templates = (server: Parameters<typeof request>[0]) =>
    request(server)
      .get('/api/launch-gates/templates')
      .set('authorization', mockCredentials.service.header());

  it('lets a template name a provider a backend module added', async () => {
    const { server } = await start([moduleAdding(releaseNotes)]);
    const res = await templates(server);
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual([
      'with-notes',
    ]);
  });

  it('without the module, the template is a problem naming the known providers', async () => {
    const { server } = await start([]);
    const res = await templates(server);
    expect(res.body.items).toEqual([]);
    expect(res.body.problems).toEqual([
      {
        source: `${path.basename(dir)}/with-notes.yaml`,
        message: `${path.basename(
          dir,
        )}/with-notes.yaml: spec.gates[0].checks[0].provider: no check provider release-notes (known: incidents, load-test, oncall-coverage, rollback-drill, runbooks, security-scan, slo-history)`,
      },
    ]);
  });

  it('refuses a provider whose id a built-in has', async () => {
    await expect(
      start([moduleAdding({ ...releaseNotes, id: 'slo-history' })]),
    ).rejects.toThrow(
      'A launch-gates check provider with id "slo-history" is already registered (SLO history); provider ids must be unique',
    );
  });
});
