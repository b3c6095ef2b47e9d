import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import type { DeploymentCreate } from '@vigil/backstage-plugin-deployments-common';
import { DatabaseDeploymentsStore } from '../database/DatabaseDeploymentsStore';
import { deploymentsPlugin } from '../plugin';
import {
  ADMINS,
  canSee,
  catalogEntities,
  catalogReadOf,
  ownershipOf,
  ownersOf,
  SCORING_API,
} from './catalog';

/**
 * The setup of the HTTP API's tests (src/router.<area>.test.ts): the
 * deployments plugin in a test backend over a small catalog that applies
 * read permissions per user, a permission policy like the portal's (owners
 * and admins record; services anything), and the check of responses
 * against openapi.yaml.
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** A record as the CLI opens it. */
export const deployBody = (
  overrides: Partial<DeploymentCreate> = {},
): DeploymentCreate => ({
  entityRef: SCORING_API,
  kind: 'deploy',
  release: {
    version: '0.1.0+3f2a1bc',
    commit: '3f2a1bc',
    commitTime: '2026-11-30T08:00:00Z',
  },
  previous: { version: '0.0.9+1234567', commit: '1234567' },
  fromColor: 'blue',
  toColor: 'green',
  operator: 'dev@laptop',
  startedAt: '2026-11-30T10:00:00Z',
  steps: [
    { name: 'build', status: 'running', startedAt: '2026-11-30T10:00:00Z' },
  ],
  ...overrides,
});

type Principal = { type?: string; userEntityRef?: string };

/** Vigil's policy, as far as this plugin is concerned. */
function decide(
  permission: Permission,
  credentials: BackstageCredentials,
  resourceRef?: string,
) {
  const principal = (credentials.principal ?? {}) as Principal;
  if (principal.type !== 'user' || !principal.userEntityRef) {
    return { result: AuthorizeResult.ALLOW };
  }
  const claims = ownershipOf(principal.userEntityRef);
  if (permission.name === 'catalog.entity.read') {
    const read = catalogReadOf(principal.userEntityRef);
    if (read === 'all') return { result: AuthorizeResult.ALLOW };
    if (read === 'none') return { result: AuthorizeResult.DENY };
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: { rule: 'IS_ENTITY_KIND', params: { kinds: ['component'] } },
    };
  }
  if (permission.name === 'deployments.record.create') {
    // authorize() with a resourceRef: the catalog applied the owner condition.
    const owners = resourceRef ? ownersOf(resourceRef) : [];
    const allowed =
      claims.includes(ADMINS) || owners.some(owner => claims.includes(owner));
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  return { result: AuthorizeResult.ALLOW };
}

function permissions() {
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(
        r =>
          decide(
            r.permission,
            credentials,
            (r as { resourceRef?: string }).resourceRef,
          ) as any,
      ),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
  });
}

/** The in-memory catalog, hiding from each user what it may not read. */
function catalog() {
  const mock = catalogServiceMock({ entities: catalogEntities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      Object.assign(Object.create(mock), {
        getEntityByRef: async (ref: string, options: any) =>
          canSee(options?.credentials, ref)
            ? mock.getEntityByRef(ref, options)
            : undefined,
        getEntitiesByRefs: async (req: any, options: any) => {
          const { items } = await mock.getEntitiesByRefs(req, options);
          return {
            items: items.map((item, i) =>
              item && canSee(options?.credentials, req.entityRefs[i])
                ? item
                : null,
            ),
          };
        },
      }),
  });
}

/** The deploy CLI's static token (backend.auth.externalAccess in production). */
export const DEPLOY_TOKEN = 'static-deploy-token-for-tests';

/**
 * Backstage's mock HTTP auth (requests without a token are anonymous, as in
 * production), plus the deploy token: a static external access token
 * authenticates as a service principal with the configured subject, as is,
 * restricted to this plugin.
 */
function httpAuth() {
  return createServiceFactory({
    service: coreServices.httpAuth,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => {
      const mock = mockServices.httpAuth({
        pluginId: plugin.getId(),
        defaultCredentials: mockCredentials.none(),
      });
      return Object.assign(Object.create(mock), {
        async credentials(req: any, options?: any) {
          if (req.headers.authorization === `Bearer ${DEPLOY_TOKEN}`) {
            return mockCredentials.service('vigil-deploy');
          }
          return mock.credentials(req, options);
        },
      });
    },
  });
}

/** The databases the API runs on, and a backend to start on one of them. */
export function testBackends() {
  const databases = testDatabases();

  async function startBackend(
    options: { databaseId?: TestDatabaseId; config?: JsonObject } = {},
  ) {
    const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
    const auditor = mockServices.auditor.mock();
    const auditorEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditorEvent);
    const { server } = await startTestBackend({
      features: [
        deploymentsPlugin,
        catalog(),
        auditor.factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: options.config ?? {} }),
        httpAuth(),
        permissions().factory,
      ],
    });
    const client = (header?: string) => {
      const call = (method: 'get' | 'post' | 'patch') => (url: string) => {
        const req = request(server)[method](`/api/deployments${url}`);
        return header ? req.set('authorization', header) : req;
      };
      return { get: call('get'), post: call('post'), patch: call('patch') };
    };
    return {
      server,
      knex,
      auditor,
      auditorEvent,
      store: new DatabaseDeploymentsStore(knex),
      as: (userRef: string) => client(mockCredentials.user.header(userRef)),
      /** The deploy CLI's static token authenticates as a service. */
      deployToken: client(`Bearer ${DEPLOY_TOKEN}`),
      /** Another backend, with its plugin credentials. */
      service: client(mockCredentials.service.header()),
      anonymous: client(),
    };
  }

  return { databases, startBackend };
}

export type TestBackend = Awaited<
  ReturnType<ReturnType<typeof testBackends>['startBackend']>
>;
