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
import type { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultIncidentsPolicyDecision,
  incidentConditions,
} from '@vigil/backstage-plugin-incidents-common';
import { incidentsPlugin } from '../plugin';
import { SCORING } from './services';

/**
 * The setup of the HTTP API's tests (src/router.test.ts and
 * src/routes/<area>.test.ts): the incidents plugin in a test backend, with
 * the app's permission policy over a few users' group claims, a mock
 * catalog, the webhook token, and the check of responses against
 * openapi.yaml.
 */

const document = readOpenApiDocument(
  path.resolve(__dirname, '../../openapi.yaml'),
);
const validateResponse = createResponseValidator(document);
/** `PATCH /incidents/{id}` and the like for a method and a URL of the tests. */
const operationOf = (method: string, url: string) => {
  const pathname = url.split('?')[0];
  const templates = Object.keys((document as { paths: object }).paths);
  const template =
    templates.find(t => t === pathname) ??
    templates.find(t =>
      // The document's own path templates, constants of this package.
      // eslint-disable-next-line security/detect-non-literal-regexp
      new RegExp(`^${t.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname),
    );
  return `${method.toUpperCase()} ${template ?? pathname}`;
};
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (
  method: string,
  url: string,
  res: ResponseLike,
) =>
  expect([url, validateResponse(operationOf(method, url), res)]).toEqual([
    url,
    [],
  ]);

export const OUTSIDER = 'user:default/outsider';
export const TOKEN = 'test-webhook-token';
// Who belongs to which group, as the catalog's ownership claims would say.
const CLAIMS: Record<string, string[]> = {
  'user:default/dmitri': ['user:default/dmitri', 'group:default/payments'],
  'user:default/alice': ['user:default/alice', 'group:default/sre'],
  'user:default/carol': ['user:default/carol', 'group:default/payments'],
  'user:default/erin': ['user:default/erin', 'group:default/product-owners'],
  // In payments, but the app's policy lets Pat change only incidents Pat commands.
  'user:default/pat': ['user:default/pat', 'group:default/payments'],
};
export const PAT = 'user:default/pat';
/** Read-only, in no group (vigil.permission.readOnlyUsers). */
export const GUEST = 'user:default/guest';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'scoring-api', namespace: 'default' },
    spec: { owner: 'group:default/payments' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  // A synthetic service of the sandbox (namespace sandbox).
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'sandbox' },
    spec: { owner: 'group:default/sre' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/sre' }],
  },
];

function userRef(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/** The app's policy (incidents-common defaults) over the test's claims. */
function permissions() {
  const decide = (
    permission: any,
    credentials: BackstageCredentials,
  ): PolicyDecision => {
    const ref = userRef(credentials);
    if (!ref) return { result: AuthorizeResult.ALLOW };
    // Someone the catalog hides every entity from.
    if (ref === OUTSIDER && permission.name === 'catalog.entity.read') {
      return { result: AuthorizeResult.DENY };
    }
    if (
      ref === PAT &&
      ['incidents.incident.update', 'incidents.incident.close'].includes(
        permission.name,
      )
    ) {
      // A policy that lets only the commander change an incident.
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'incidents',
        resourceType: 'incident',
        conditions: incidentConditions.isCommander({ userEntityRef: ref }),
      };
    }
    return (
      defaultIncidentsPolicyDecision(permission, {
        userEntityRef: ref,
        ownershipEntityRefs: CLAIMS[ref] ?? [ref],
        // The app's roles (packages/backend/src/permissions/roles.ts).
        roles: {
          sre: (CLAIMS[ref] ?? []).includes('group:default/sre'),
          readOnly: ref === GUEST,
        },
      }) ?? { result: AuthorizeResult.ALLOW }
    );
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
  });
}

/** An action item as a postmortem's save sends it. */
export const newActionItem = {
  title: 'Jitter cache TTLs',
  owner: 'user:default/erin',
  priority: 'P1',
  status: 'open',
};

/** An error body gives away no SQL, no stack and no database message. */
export const noLeaks = (body: unknown) => {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(
    /\b(select|insert|update|delete)\b.*\b(from|into|set|where)\b/i,
  );
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(text).not.toMatch(/stack/i);
  expect(text).not.toMatch(/SQLITE_|violates|duplicate key|out of range/i);
};

/**
 * The test databases of a test file and the incidents backend on one of
 * them. Call once per test file, at its top level (testDatabases registers
 * afterAll hooks). The API is tested on SQLite; the bad-input cases also on
 * PostgreSQL (which, unlike SQLite, refuses NUL characters and overflowing
 * offsets itself).
 */
export function testBackends() {
  const databases = testDatabases();

  async function startBackend(databaseId: TestDatabaseId = 'SQLITE_3') {
    const knex = await databases.init(databaseId);
    const logger = mockServices.logger.mock();
    const auditor = mockServices.auditor.mock();
    const auditorEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditorEvent);
    const { server } = await startTestBackend({
      features: [
        incidentsPlugin,
        catalogServiceMock.factory({ entities }),
        auditor.factory,
        permissions().factory,
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        // Group membership as the catalog would resolve it.
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = userRef(credentials as BackstageCredentials)!;
            return {
              userEntityRef: ref,
              ownershipEntityRefs: CLAIMS[ref] ?? [ref],
            };
          },
        }).factory,
        logger.factory,
        mockServices.rootConfig.factory({
          data: {
            vigil: {
              incidents: {
                alertmanager: { webhookToken: TOKEN },
                // No on-call backend here; OnCallPaging.test.ts covers paging.
                pageOnCall: false,
              },
            },
          },
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const as = (user: string) => {
      const auth = mockCredentials.user.header(user);
      return {
        get: (url: string) =>
          request(server)
            .get(`/api/incidents${url}`)
            .set('authorization', auth),
        post: (url: string) =>
          request(server)
            .post(`/api/incidents${url}`)
            .set('authorization', auth),
        patch: (url: string) =>
          request(server)
            .patch(`/api/incidents${url}`)
            .set('authorization', auth),
        put: (url: string) =>
          request(server)
            .put(`/api/incidents${url}`)
            .set('authorization', auth),
      };
    };
    const webhook = (body: unknown, token: string = TOKEN) =>
      request(server)
        .post('/api/incidents/alertmanager/webhook')
        .set('authorization', `Bearer ${token}`)
        .send(body as object);
    return {
      server,
      knex,
      logger,
      auditor,
      auditorEvent,
      webhook,
      dmitri: as('user:default/dmitri'),
      alice: as('user:default/alice'),
      erin: as('user:default/erin'),
      outsider: as(OUTSIDER),
      pat: as(PAT),
      guest: as(GUEST),
      carol: as('user:default/carol'),
    };
  }

  /**
   * A backend whose `declare` opens an incident of the scoring API, resolves
   * it and creates its (draft) postmortem.
   */
  async function withPostmortem(databaseId: TestDatabaseId) {
    const backend = await startBackend(databaseId);
    const { dmitri } = backend;
    const declare = async (title: string) => {
      const { body } = await dmitri.post('/incidents').send({
        title,
        severity: 'SEV3',
        entityRefs: [SCORING],
      });
      await dmitri
        .patch(`/incidents/${body.incident.id}`)
        .send({ status: 'resolved', expectedVersion: 1 });
      const created = await dmitri.post(
        `/incidents/${body.incident.id}/postmortem`,
      );
      return {
        incidentId: body.incident.id,
        postmortem: created.body.postmortem,
      };
    };
    return { ...backend, declare };
  }

  return { databases, startBackend, withPostmortem };
}
