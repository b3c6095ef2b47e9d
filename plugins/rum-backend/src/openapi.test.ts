/**
 * openapi.yaml is the contract of the router: a valid OpenAPI 3.0 document
 * documenting exactly the routes registered, from which
 * src/schema/openapi.generated.ts was generated; then what the document
 * checks of input, against the router.
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

const settings = {
  allowedOrigins: [],
  maxPayloadBytes: 1024,
  rateLimit: { perMinute: 600, burst: 100 },
  retentionDays: 30,
};
const telemetry = { request: () => {} } as never;

describeOpenApiContract({
  packageDir: path.resolve(__dirname, '..'),
  spec,
  createRouter: () =>
    createRouter({
      httpAuth: {} as never,
      logger: {} as never,
      settings,
      collector: {} as never,
      reader: {} as never,
      telemetry,
    }),
});

describe('input checks', () => {
  const basePath = '/api/rum';
  const routerApp = async () =>
    express().use(
      basePath,
      await createRouter({
        httpAuth: {
          credentials: async () => ({
            principal: { type: 'user', userEntityRef: 'user:default/admin' },
          }),
        } as never,
        logger: { error: () => {} } as never,
        settings,
        collector: {} as never,
        reader: {
          listErrorGroups: async () => ({ items: [], totalCount: 0 }),
          getErrorGroup: async () => ({}),
          usage: async () => ({}),
        } as never,
        telemetry,
      }),
    );

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good: [
      '/errors',
      '/errors?limit=200&offset=100000',
      '/errors/0123456789abcdef',
      '/usage',
      '/usage?range=30d',
    ],
    bad: [
      '/errors?limit=0',
      '/errors?limit=201',
      '/errors?offset=-1',
      '/errors?page=2',
      '/errors/XYZ',
      '/usage?range=2d',
      '/usage?from=now',
    ],
    routerOnly: ['/errors?limit=1e2'],
  });
});
