/**
 * openapi.yaml is the contract of the router: a valid OpenAPI 3.0 document
 * documenting exactly the routes registered, from which
 * src/schema/openapi.generated.ts was generated.
 */
import path from 'node:path';
import { describeOpenApiContract } from '@vigil/openapi-contract';
import { createRouter } from './router';
import { spec } from './schema/openapi.generated';

describeOpenApiContract({
  packageDir: path.resolve(__dirname, '..'),
  spec,
  createRouter: () =>
    createRouter({
      httpAuth: {} as never,
      permissions: {} as never,
      auditor: {} as never,
      logger: {} as never,
      sandbox: {} as never,
    }),
});
