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
      permissions: unused,
      auditor: unused,
      logger: unused,
      services: unused,
    }),
});

describe('input checks', () => {
  const basePath = '/api/oncall';
  const anything = async () => ({ items: [], total: 0 });
  const routerApp = async () =>
    express().use(
      basePath,
      await createRouter({
        httpAuth: {
          credentials: async () => ({
            principal: { type: 'user', userEntityRef: 'user:default/alice' },
          }),
        } as never,
        permissions: {} as never,
        auditor: {} as never,
        logger: { error: () => {} } as never,
        services: {
          schedules: { list: anything },
          policies: { list: anything },
          pages: { list: anything },
        } as never,
      }),
    );

  const good = [
    '/schedules?limit=100&offset=1000000',
    '/schedules?ownerRef=group:default/sre&ownerRef=group:default/payments&participantRef=user:default/alice',
    '/policies?ownerRef=group:default/sre&limit=1',
    '/pages?status=open&status=acknowledged&mine=true&limit=5',
    '/pages?incidentId=inc-1&entityRef=component:default/scoring-api',
  ];
  const bad = [
    '/schedules?limit=0',
    '/schedules?limit=101',
    '/schedules?limit=abc',
    '/schedules?offset=-1',
    '/schedules?offset=9223372036854775807',
    '/schedules?colour=red',
    '/policies?limit=101',
    '/pages?status=lost',
    '/pages?mine=yes',
    '/pages?entityRef=a%00b',
  ];
  // What OpenAPI cannot say: entity ref syntax and `1e2`.
  const routerOnly = [
    '/schedules?limit=1e2',
    '/schedules?ownerRef=sre',
    '/schedules?participantRef=group:default/sre',
    '/pages?entityRef=scoring-api',
  ];

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good,
    bad,
    routerOnly,
  });
});
