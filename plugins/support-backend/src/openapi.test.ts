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

const page = async () => ({ items: [], totalCount: 0 });

describeOpenApiContract({
  packageDir: path.resolve(__dirname, '..'),
  spec,
  createRouter: () =>
    createRouter({
      httpAuth: {} as never,
      auditor: {} as never,
      logger: {} as never,
      service: {} as never,
    }),
});

describe('input checks', () => {
  const basePath = '/api/support';
  const routerApp = async () =>
    express().use(
      basePath,
      await createRouter({
        httpAuth: {
          credentials: async () => ({
            principal: { type: 'user', userEntityRef: 'user:default/pat' },
          }),
        } as never,
        auditor: {} as never,
        logger: { error: () => {} } as never,
        service: {
          listTickets: page,
          listMyTickets: page,
          listFeedback: page,
          getTicket: async () => ({}),
        } as never,
      }),
    );

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good: [
      '/tickets',
      '/tickets?limit=100&offset=100000&status=open',
      '/tickets/mine',
      '/tickets/mine?status=closed',
      '/tickets/5b0c3f86-8d0e-4a4e-b0f2-0f8e4e3b9d11',
      '/feedback',
      '/feedback?limit=1',
    ],
    bad: [
      '/tickets?limit=0',
      '/tickets?limit=101',
      '/tickets?offset=-1',
      '/tickets?status=done',
      '/tickets?page=2',
      '/tickets/not-a-uuid',
      '/feedback?status=open',
      '/feedback?offset=100001',
    ],
    routerOnly: ['/tickets?limit=1e2'],
  });
});
