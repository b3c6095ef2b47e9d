/**
 * openapi.yaml is the contract of the router: a valid OpenAPI 3.0 document
 * documenting exactly the routes registered, from which
 * src/schema/openapi.generated.ts (what the router validates against) was
 * generated.
 */
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { describeOpenApiContract } from '@vigil/openapi-contract';
import { readIncidentsConfig } from './config';
import { createRouter } from './router';
import { spec } from './schema/openapi.generated';

// The handlers are never called: the services are not needed.
const unused = {} as never;

describeOpenApiContract({
  packageDir: path.resolve(__dirname, '..'),
  spec,
  createRouter: () =>
    createRouter({
      auth: unused,
      httpAuth: unused,
      permissions: unused,
      auditor: unused,
      userInfo: unused,
      logger: unused,
      service: unused,
      directory: unused,
      visibility: unused,
      config: readIncidentsConfig(mockServices.rootConfig()),
    }),
});
