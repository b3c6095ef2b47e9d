import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createResponseValidator,
  readOpenApiDocument,
  type ResponseLike,
} from '@vigil/openapi-contract';
import { logsPlugin } from '../plugin';

/*
 * The setup of the HTTP API's tests: the logs plugin in a test backend over
 * a small catalog that hides entities from users who may not read them (the
 * catalog applies read permissions; the plugin only asks it), and the check
 * of responses against openapi.yaml.
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const ALICE = 'user:default/alice';
/** May read only `other`. */
export const ZOE = 'user:default/zoe';

const component = (
  name: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/sre',
    lifecycle: 'production',
  },
});

export const catalogEntities: Entity[] = [
  component('scoring-api'),
  component('portal', { 'vigil.dev/log-service': 'vigil' }),
  component('other'),
];

function canSee(credentials: any, entityRef: string): boolean {
  const principal = credentials?.principal ?? {};
  if (principal.type !== 'user') return true;
  if (principal.userEntityRef === ZOE) return entityRef.endsWith('/other');
  return true;
}

function catalog() {
  const mock = catalogServiceMock({ entities: catalogEntities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      Object.assign(Object.create(mock), {
        getEntityByRef: async (ref: string, options: any) =>
          canSee(options?.credentials, String(ref).toLowerCase())
            ? mock.getEntityByRef(ref, options)
            : undefined,
      }),
  });
}

/** A logs backend on a database of `databases`. */
export async function startLogsBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      logsPlugin,
      catalog(),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: {} }),
      // Requests without a token are anonymous, as in production.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const client = (header?: string) => (url: string) => {
    const req = request(server).get(`/api/logs${url}`);
    return header ? req.set('authorization', header) : req;
  };
  return {
    server,
    knex,
    as: (userRef: string) => client(mockCredentials.user.header(userRef)),
    service: client(mockCredentials.service.header()),
    anonymous: client(),
  };
}
