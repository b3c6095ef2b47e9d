/**
 * openapi.yaml is the contract of the router: it must be a structurally
 * valid OpenAPI 3.0 document and document exactly the routes registered;
 * src/schema/openapi.generated.ts (what the router validates against) must
 * be generated from its current text.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  documentedRoutes,
  generatedSpecDifferences,
  openApiProblems,
  readOpenApiDocument,
  registeredRoutes,
} from '@vigil/openapi-contract';
import { readIncidentsConfig } from './config';
import { createRouter, RouterOptions } from './router';
import { mockServices } from '@backstage/backend-test-utils';
import { spec } from './schema/openapi.generated';

const document = readOpenApiDocument(
  path.resolve(__dirname, '../openapi.yaml'),
);

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3.0 document: refs resolve, every operation has 401, and 400 where it takes input', () => {
    expect(openApiProblems(document)).toEqual([]);
  });

  it('is what src/schema/openapi.generated.ts holds (else run `yarn openapi:generate`)', () => {
    const text = fs.readFileSync(
      path.resolve(__dirname, 'schema/openapi.generated.ts'),
      'utf8',
    );
    expect(generatedSpecDifferences({ spec, text }, document)).toEqual([]);
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
