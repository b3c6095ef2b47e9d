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
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
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
import { DatabaseLaunchGatesStore } from '../database/DatabaseLaunchGatesStore';
import { launchGatesPlugin } from '../plugin';
import {
  ADMINS,
  canSee,
  catalogEntities,
  catalogReadOf,
  ownershipOf,
  ownersOf,
  PRODUCT_OWNERS,
  SRE,
} from './catalog';
import { fixtureProviders } from './fixtureProvider';

/**
 * The setup of the HTTP API's tests (src/router.<area>.test.ts): the
 * launch-gates plugin in a test backend over a small catalog that applies
 * read permissions per user, a permission policy like the portal's, the
 * test templates (src/__testUtils__/templates) whose automated checks the
 * fixture provider answers (registered through the extension point, so the
 * real registry, template catalog and evaluator run), recorded
 * notifications, and the check of responses against openapi.yaml.
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const DAY = 86_400_000;
export const GUEST = 'user:default/guest';

/** A target date some weeks ahead. */
export const TARGET_DATE = '2027-01-15';

type Principal = { type?: string; userEntityRef?: string };

/** The portal's policy (packages/backend launchGatesDecision.ts), as far as this plugin is concerned. */
function decide(
  permission: Permission,
  credentials: BackstageCredentials,
  resourceRef?: string,
) {
  const principal = (credentials.principal ?? {}) as Principal;
  if (principal.type !== 'user' || !principal.userEntityRef) {
    return { result: AuthorizeResult.ALLOW };
  }
  const user = principal.userEntityRef;
  const claims = ownershipOf(user);
  if (permission.name === 'catalog.entity.read') {
    const read = catalogReadOf(user);
    if (read === 'all') return { result: AuthorizeResult.ALLOW };
    if (read === 'none') return { result: AuthorizeResult.DENY };
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: { rule: 'IS_ENTITY_KIND', params: { kinds: ['component'] } },
    };
  }
  if (!permission.name.startsWith('launch-gates.')) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (user === GUEST) return { result: AuthorizeResult.DENY };
  const owner = (resourceRef ? ownersOf(resourceRef) : []).some(o =>
    claims.includes(o),
  );
  const admin = claims.includes(ADMINS);
  let allowed = true;
  if (permission.name === 'launch-gates.review.create') {
    allowed =
      admin || owner || claims.includes(SRE) || claims.includes(PRODUCT_OWNERS);
  } else if (permission.name === 'launch-gates.report.create') {
    allowed = admin || owner;
  }
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
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

/** Users' ownership claims, as the catalog resolves them at sign-in. */
const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const ref = (credentials.principal as Principal).userEntityRef!;
      return { userEntityRef: ref, ownershipEntityRefs: ownershipOf(ref) };
    },
  }),
});

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
    const sent: NotificationSendOptions[] = [];
    const tasks: Array<Parameters<SchedulerService['scheduleTask']>[0]> = [];
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        tasks.push(task);
      },
    });
    const fixtures = fixtureProviders();
    const { server } = await startTestBackend({
      features: [
        launchGatesPlugin,
        fixtures.module,
        catalog(),
        auditor.factory,
        scheduler.factory,
        userInfo,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            launchGates: {
              templates: {
                directories: [path.resolve(__dirname, 'templates')],
              },
            },
            ...options.config,
          },
        }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        permissions().factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (o: NotificationSendOptions) => {
              sent.push(o);
            },
          }),
        }),
      ],
    });
    const client = (header?: string) => {
      const call =
        (method: 'get' | 'post' | 'put' | 'patch' | 'delete') =>
        (url: string) => {
          const req = request(server)[method](`/api/launch-gates${url}`);
          return header ? req.set('authorization', header) : req;
        };
      return {
        get: call('get'),
        post: call('post'),
        put: call('put'),
        patch: call('patch'),
        delete: call('delete'),
      };
    };
    const service = client(mockCredentials.service.header());
    return {
      server,
      knex,
      auditor,
      auditorEvent,
      /** Notifications sent. */
      sent,
      /** Sets what the fixture provider measures for a key. */
      outcome: fixtures.set,
      store: new DatabaseLaunchGatesStore(knex),
      /** Runs the scheduled re-evaluation once, as the scheduler would. */
      runScheduledCycle: async () => {
        const task = tasks.find(t => t.id === 'launch-gates-evaluate');
        if (!task) throw new Error('the evaluation task is not scheduled');
        await (task.fn as () => Promise<void>)();
      },
      tasks,
      as: (userRef: string) => client(mockCredentials.user.header(userRef)),
      service,
      anonymous: client(),
    };
  }

  return { databases, startBackend };
}

export type TestBackend = Awaited<
  ReturnType<ReturnType<typeof testBackends>['startBackend']>
>;

/**
 * Opens a review of `entityRef` and waits for its first evaluation (it
 * runs in the background, as the UI sees it: by polling).
 */
export async function openAndEvaluate(
  backend: TestBackend,
  entityRef: string,
  as = 'user:default/carol',
) {
  const opened = await backend
    .as(as)
    .post('/reviews')
    .send({ entityRef, targetDate: TARGET_DATE });
  expect(opened.status).toBe(201);
  return waitForEvaluation(backend, opened.body.id);
}

/** Polls the review until it has been evaluated. */
export async function waitForEvaluation(backend: TestBackend, id: string) {
  for (let i = 0; i < 100; i++) {
    const res = await backend.service.get(`/reviews/${id}`);
    if (res.body.lastEvaluatedAt) return res.body;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  throw new Error(`review ${id} was not evaluated`);
}
