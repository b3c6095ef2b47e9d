// Test fixtures live in fresh temporary directories the test creates.
/* eslint-disable security/detect-non-literal-fs-filename */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloPlugin } from '../plugin';
import { SPEC_YAML } from './fixtures';

/**
 * The setup of the HTTP API's tests (src/router.<area>.test.ts): the SLO
 * plugin in a test backend over a mock catalog of components with inline,
 * on-disk and broken specs, the app's permission policy as far as the tests
 * need it, and the check of responses against openapi.yaml.
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);
/** `GET /slos/{sloId}` and the like for a URL of the tests. */
export const getOperation = (url: string) => {
  const pathname = url.split('?')[0];
  if (pathname.startsWith('/entities/')) {
    return 'GET /entities/{kind}/{namespace}/{name}/slos';
  }
  return pathname.startsWith('/slos/')
    ? 'GET /slos/{sloId}'
    : `GET ${pathname}`;
};
export const repoRoot = path.resolve(__dirname, '../../../..');

const ALICE = mockCredentials.user('user:default/alice');
const BOB = mockCredentials.user('user:default/bob');

const component = (
  name: string,
  annotations: Record<string, string>,
  spec: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', ...spec },
});

export const SECRET = 'component:default/secret';
const canRead = (credentials: BackstageCredentials, ref: string) =>
  !(
    ref === SECRET &&
    credentials.principal &&
    (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      'user:default/bob'
  );

const credentialsOf = (options: unknown) =>
  (options as CatalogServiceRequestOptions).credentials;

function catalog(entities: Entity[]) {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  return catalogServiceMock.mock({
    getEntities: async () => ({ items: entities }),
    getEntitiesByRefs: async ({ entityRefs }, options) => ({
      items: entityRefs.map(ref =>
        canRead(credentialsOf(options), ref) ? byRef.get(ref) : undefined,
      ),
    }),
    getEntityByRef: async (ref, options) => {
      const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return canRead(credentialsOf(options), key) ? byRef.get(key) : undefined;
    },
  });
}

/**
 * The app's policy, as far as these tests need it: every SLO permission is
 * `permission` (default: allowed); the catalog's read permission is allowed,
 * but conditional for Bob, on which the catalog hides the secret entity.
 */
function permissions(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const conditional: PolicyDecision = {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['group:default/sre'] },
    },
  };
  const decide = (
    name: string,
    credentials: BackstageCredentials,
  ): PolicyDecision => {
    if (name !== 'catalog.entity.read') return { result: permission };
    return canRead(credentials, SECRET)
      ? { result: AuthorizeResult.ALLOW }
      : conditional;
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission.name, credentials) as any),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission.name, credentials)),
  });
}

/**
 * The databases the API runs on and a backend to start on one of them. Call
 * once per test file, at its top level: it registers afterAll hooks (the
 * databases', and removing the directory of the on-disk spec).
 */
export function testBackends(
  setup: {
    /** More entities in the catalog (e.g. the sandbox's). */
    extraEntities?: Entity[];
  } = {},
) {
  const databases = testDatabases();
  const specDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-router-'));
  fs.writeFileSync(
    path.join(specDir, 'slo.yaml'),
    SPEC_YAML.replace('service: checkout', 'service: search'),
  );
  afterAll(() => fs.rmSync(specDir, { recursive: true, force: true }));

  const entities: Entity[] = [
    component(
      'checkout',
      { 'vigil.dev/slo-spec-inline': SPEC_YAML },
      { owner: 'group:payments', system: 'shop', lifecycle: 'production' },
    ),
    // Read from disk next to its catalog file, as TechDocs resolves dir: refs.
    component(
      'search',
      {
        'backstage.io/managed-by-location': `file:${path.join(
          specDir,
          'catalog-info.yaml',
        )}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(
          specDir,
          'catalog-info.yaml',
        )}`,
        'vigil.dev/slo-spec': './slo.yaml',
      },
      { owner: 'sre', system: 'shop', lifecycle: 'experimental' },
    ),
    // The real spec of this repository's scoring API.
    component(
      'scoring-api',
      {
        'backstage.io/managed-by-location': `file:${path.join(
          repoRoot,
          'catalog-info.yaml',
        )}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(
          repoRoot,
          'catalog-info.yaml',
        )}`,
        'vigil.dev/slo-spec': './packages/scoring-api/slo.yaml',
      },
      { owner: 'payments', system: 'risk-scoring', lifecycle: 'production' },
    ),
    // Its spec is missing: the error must not reveal the server's paths.
    component(
      'lost',
      {
        'backstage.io/managed-by-location': `file:${path.join(
          specDir,
          'catalog-info.yaml',
        )}`,
        'vigil.dev/slo-spec': './nowhere/slo.yaml',
      },
      { owner: 'sre', lifecycle: 'production' },
    ),
    component(
      'broken',
      {
        'vigil.dev/slo-spec-inline':
          'version: prometheus/v1\nservice: broken\nslos:\n  - name: bad\n    objective: 101\n    sli:\n      raw:\n        error_ratio_query: vector(0) + 0*up[{{.window}}]\n',
      },
      { owner: 'sre', lifecycle: 'production' },
    ),
    // Bob may not read this one.
    component(
      'secret',
      {
        'vigil.dev/slo-spec-inline': SPEC_YAML.replace(
          'service: checkout',
          'service: secret',
        ),
      },
      { owner: 'sre', lifecycle: 'production' },
    ),
    ...(setup.extraEntities ?? []),
  ];

  async function startBackend(
    options: {
      permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      databaseId?: TestDatabaseId;
    } = {},
  ) {
    const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
    const auditor = mockServices.auditor.mock();
    const auditorEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditorEvent);
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        catalog(entities).factory,
        auditor.factory,
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({ data: {} }),
        // Requests without a token are anonymous, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        permissions(options.permission).factory,
      ],
    });
    const as = (credentials: BackstageCredentials) => ({
      get: (url: string) =>
        request(server)
          .get(`/api/slo${url}`)
          .set(
            'authorization',
            mockCredentials.user.header(
              (credentials.principal as { userEntityRef: string })
                .userEntityRef,
            ),
          ),
      post: (url: string) =>
        request(server)
          .post(`/api/slo${url}`)
          .set(
            'authorization',
            mockCredentials.user.header(
              (credentials.principal as { userEntityRef: string })
                .userEntityRef,
            ),
          ),
    });
    return {
      server,
      knex,
      auditor,
      auditorEvent,
      alice: as(ALICE),
      bob: as(BOB),
      store: new DatabaseSloStore(knex),
    };
  }

  return { databases, specDir, startBackend };
}
