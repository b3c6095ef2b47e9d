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
      sloService: unused,
      refresher: unused,
    }),
});

describe('input checks', () => {
  // The document alone (the validator the router starts with), and the
  // router with its zod schemas, over services that answer anything.
  const basePath = '/api/slo';
  const anything = async () => ({ groups: [], yaml: '' });
  const routerApp = async () =>
    express().use(
      basePath,
      await createRouter({
        httpAuth: { credentials: async () => ({}) } as never,
        permissions: {} as never,
        auditor: {} as never,
        sloService: {
          listSlos: anything,
          getSlo: anything,
          getEntitySlos: anything,
          getRules: anything,
          getEvaluationStatus: anything,
        } as never,
        refresher: {} as never,
      }),
    );

  const good = [
    '/slos?limit=500&offset=1000000&order=desc&status=no-data',
    '/slos?sandbox=exclude',
    '/slos?sandbox=only&status=breaching',
    '/slos?owner=group:default/sre&system=system:default/shop&q=a%20b&lifecycle=production',
    '/slos/checkout-availability?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00.5%2B01:00&limit=50000',
    '/entities/component/default/checkout/slos',
    '/rules?entityRef=component:default/scoring-api&format=yaml',
    '/status',
  ];
  const bad = [
    '/slos?limit=0',
    '/slos?limit=abc',
    '/slos?limit=501',
    '/slos?limit=1&limit=2',
    '/slos?offset=-1',
    '/slos?offset=9223372036854775807',
    '/slos?status=great',
    '/slos?order=up',
    '/slos?sandbox=hide',
    '/slos?colour=red',
    '/slos?q=abc%00',
    '/slos?q=',
    `/slos?q=${'a'.repeat(201)}`,
    `/slos?lifecycle=${'a'.repeat(101)}`,
    '/slos?q[a]=b',
    '/slos/x?from=yesterday',
    '/slos/x?from=2026-06-01T00:00Z',
    '/slos/x?to=2026-06-01T00:00:00',
    '/slos/x?limit=50001',
    '/slos/x?colour=red',
    `/slos/${'a'.repeat(256)}`,
    '/slos/checkout%00-availability',
    '/entities/component/default/check%00out/slos',
    `/entities/${'a'.repeat(101)}/default/checkout/slos`,
    '/entities/component/default/checkout/slos?colour=red',
    '/rules?entityRef=component:default/a%00b',
    '/rules?format=xml',
    '/rules?colour=red',
    '/status?colour=red',
  ];
  // What OpenAPI cannot say: the validator coerces `1e2` to 100 before
  // checking it, and neither order of two fields nor entity ref syntax is
  // expressible. The router refuses these with zod or its own checks.
  const routerOnly = [
    '/slos?limit=1e2',
    '/slos/x?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z',
    '/rules?entityRef=component:',
  ];

  describeInputChecks({
    documentStatus: statusOf(documentOnlyApp(spec, basePath), basePath),
    routerStatus: async () => statusOf(await routerApp(), basePath),
    good,
    bad,
    routerOnly,
  });
});
