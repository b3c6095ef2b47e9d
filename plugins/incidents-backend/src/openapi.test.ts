/**
 * openapi.yaml is the contract of the router: it must be a structurally
 * valid OpenAPI 3.0 document and document exactly the routes registered.
 */
import path from 'node:path';
import {
  documentedRoutes,
  openApiProblems,
  readOpenApiDocument,
  registeredRoutes,
} from '@vigil/openapi-contract';
import { readIncidentsConfig } from './config';
import { createRouter, RouterOptions } from './router';
import { mockServices } from '@backstage/backend-test-utils';

const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.0 document: refs resolve, every operation has 401, and 400 where it takes input', () => {
    expect(openApiProblems(document)).toEqual([]);
  });

  it('documents exactly the routes the router registers', async () => {
    // The handlers are never called: the services are not needed.
    const unused = {} as never;
    const options: RouterOptions = {
      httpAuth: unused,
      permissions: unused,
      auditor: unused,
      userInfo: unused,
      logger: unused,
      service: unused,
      directory: unused,
      visibility: unused,
      config: readIncidentsConfig(mockServices.rootConfig()),
    };
    const registered = registeredRoutes(await createRouter(options));
    expect(registered.length).toBeGreaterThan(15);
    expect(documentedRoutes(document)).toEqual(registered);
  });
});
