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
    createRouter({ httpAuth: unused, logger: unused, logs: unused }),
});

describe('input checks', () => {
  const basePath = '/api/logs';
  const page = { service: 's', from: '', to: '', items: [] };
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
        logs: {
          search: async () => page,
          tail: async () => ({ service: 's', items: [], cursor: 'c' }),
        } as never,
      }),
    );
  const lines = '/entities/component/default/scoring-api/lines';
  const tail = '/entities/component/default/scoring-api/tail';

  const good = [
    lines,
    `${lines}?q=slow%20request&level=warn&limit=500`,
    `${lines}?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00%2B01:00`,
    `${lines}?requestId=abc-1&traceId=0af7651916cd43dd8448eb211c80319c`,
    `${lines}?cursor=eyJ0IjoxfQ`,
    tail,
    `${tail}?after=eyJ0IjoxfQ&level=error&limit=1`,
  ];
  const bad = [
    `${lines}?limit=0`,
    `${lines}?limit=501`,
    `${lines}?limit=abc`,
    `${lines}?level=verbose`,
    `${lines}?from=yesterday`,
    `${lines}?requestId=a%20b`,
    `${lines}?cursor=a%2Fb`,
    `${lines}?colour=blue`,
    `${lines}?q=`,
    `${tail}?from=2026-11-01T00:00:00Z`,
    '/entities/component/default/-bad/lines',
  ];
  // What OpenAPI cannot say: ranges between fields, `1e2`, blank words.
  const routerOnly = [
    `${lines}?limit=1e2`,
    `${lines}?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    `${lines}?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z`,
    `${lines}?q=%20%20`,
  ];

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good,
    bad,
    routerOnly,
  });
});
