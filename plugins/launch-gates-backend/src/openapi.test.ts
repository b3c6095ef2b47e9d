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
      templates: unused,
      reviews: unused,
      decisions: unused,
      reports: unused,
      authorizer: unused,
    }),
});

describe('input checks', () => {
  const basePath = '/api/launch-gates';
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
        templates: { list: () => [], problems: () => [] } as never,
        reviews: {
          list: async () => ({
            items: [],
            totalCount: 0,
            limit: 50,
            offset: 0,
          }),
        } as never,
        decisions: {} as never,
        reports: { list: async () => ({ items: [], totalCount: 0 }) } as never,
        authorizer: { claimsOf: async () => [] } as never,
      }),
    );

  const good = [
    '/reviews',
    '/reviews?limit=200&offset=100000',
    '/reviews?entityRef=component:default/scoring-api&state=open&state=reopened',
    '/reviews?awaitingMe=true&targetFrom=2026-12-01',
    '/reports?entityRef=component:default/scoring-api&kind=load-test',
    '/templates',
  ];
  const bad = [
    '/reviews?limit=0',
    '/reviews?limit=201',
    '/reviews?limit=abc',
    '/reviews?offset=-1',
    '/reviews?offset=100001',
    '/reviews?state=closed',
    '/reviews?awaitingMe=yes',
    '/reviews?targetFrom=tomorrow',
    '/reviews?colour=blue',
    '/reviews?entityRef=a%00b',
    '/reports?kind=pentest',
    '/reports?limit=0',
  ];
  // What OpenAPI cannot say: entity ref syntax, `1e2`.
  const routerOnly = [
    '/reviews?limit=1e2',
    '/reviews?entityRef=scoring-api',
    '/reports?offset=1e1',
  ];

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good,
    bad,
    routerOnly,
  });
});
