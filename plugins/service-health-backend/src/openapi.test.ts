/**
 * openapi.yaml is the contract of the router: a valid OpenAPI 3.0 document
 * documenting exactly the routes registered, from which
 * src/schema/openapi.generated.ts was generated. Then what the document
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

const unused = {} as never;

describeOpenApiContract({
  packageDir: path.resolve(__dirname, '..'),
  spec,
  createRouter: () =>
    createRouter({ httpAuth: unused, logger: unused, health: unused }),
});

describe('input checks', () => {
  const basePath = '/api/service-health';
  const routerApp = async () =>
    express().use(
      basePath,
      await createRouter({
        httpAuth: {
          credentials: async () => ({
            principal: { type: 'user', userEntityRef: 'user:default/alice' },
          }),
        } as never,
        logger: { error: () => {} } as never,
        health: { getHealth: async () => ({} as never) },
      }),
    );
  const entity = '/entities/component/default/scoring-api/health';

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good: [
      entity,
      `${entity}?range=15m`,
      `${entity}?range=30d`,
      '/entities/Component/my-ns/a.b_c-1/health?range=24h',
    ],
    bad: [
      `${entity}?range=2h`,
      `${entity}?range=`,
      `${entity}?colour=blue`,
      '/entities/component/default/-x/health',
      `/entities/component/default/${'a'.repeat(64)}/health`,
      '/entities/1component/default/x/health',
    ],
    routerOnly: [],
  });
});
