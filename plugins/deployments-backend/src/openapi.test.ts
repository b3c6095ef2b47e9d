/**
 * openapi.yaml is the contract of the router: a valid OpenAPI 3.0 document
 * documenting exactly the routes registered, from which
 * src/schema/openapi.generated.ts (what the router validates against) was
 * generated. Then what the document checks of input, against the router.
 */
import path from 'node:path';
import express from 'express';
import {
  describeInputChecks,
  describeOpenApiContract,
  documentOnlyApp,
  statusOf,
} from '@vigil/openapi-contract';
import { createRouter } from './router';
import { spec } from './schema/openapi.generated';

// The handlers are never called: the services are not needed.
const unused = {} as never;

describeOpenApiContract({
  packageDir: path.resolve(__dirname, '..'),
  spec,
  createRouter: () =>
    createRouter({
      httpAuth: unused,
      auditor: unused,
      logger: unused,
      deployments: unused,
    }),
});

describe('input checks', () => {
  const basePath = '/api/deployments';
  const routerApp = async () =>
    express().use(
      basePath,
      await createRouter({
        httpAuth: {
          credentials: async () => ({
            principal: { type: 'user', userEntityRef: 'user:default/alice' },
          }),
        } as never,
        auditor: {} as never,
        logger: { error: () => {} } as never,
        deployments: {
          list: async () => ({ items: [], totalCount: 0 }),
          dora: async () => ({}),
        } as never,
      }),
    );

  const good = [
    '/deployments',
    '/deployments?limit=500&offset=1000000',
    '/deployments?entityRef=component:default/scoring-api&kind=deploy&kind=drill',
    '/deployments?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00%2B01:00',
    '/dora?entityRef=component:scoring-api',
    '/dora?entityRef=component:default/scoring-api&days=365',
  ];
  const bad = [
    '/deployments?limit=0',
    '/deployments?limit=501',
    '/deployments?limit=abc',
    '/deployments?offset=-1',
    '/deployments?offset=1000001',
    '/deployments?kind=release',
    '/deployments?from=yesterday',
    '/deployments?colour=blue',
    '/deployments?entityRef=a%00b',
    '/dora',
    '/dora?entityRef=component:default/scoring-api&days=0',
    '/dora?entityRef=component:default/scoring-api&days=366',
  ];
  // What OpenAPI cannot say: entity ref syntax, ranges between fields, `1e2`.
  const routerOnly = [
    '/deployments?limit=1e2',
    '/deployments?entityRef=scoring-api',
    '/deployments?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z',
    '/dora?entityRef=scoring-api',
    '/dora?entityRef=component:default/scoring-api&days=1e1',
  ];

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good,
    bad,
    routerOnly,
  });
});
