import path from 'node:path';
import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import deploymentsPlugin from '@vigil/backstage-plugin-deployments-backend';
import incidentsPlugin from '@vigil/backstage-plugin-incidents-backend';
import launchGatesPlugin from '@vigil/backstage-plugin-launch-gates-backend';
import oncallPlugin from '@vigil/backstage-plugin-oncall-backend';
import rumPlugin from '@vigil/backstage-plugin-rum-backend';
import sloPlugin from '@vigil/backstage-plugin-slo-backend';
import supportPlugin from '@vigil/backstage-plugin-support-backend';
import policyModule from '../permissionPolicy';
import { MATRIX, ROLES, ROLE_ORDER, Role, expected } from './roleMatrix';

/*
 * The role × action matrix (roleMatrix.ts, the README's roles table) over
 * HTTP: a real backend with the permission backend and this policy, the
 * catalog ingesting the demo organisation from catalog-info.yaml, the
 * scaffolder, and Vigil's incidents, SLO, on-call (seeded with
 * ops/oncall/demo-seed.yaml), deployments, launch gates, support and RUM
 * plugins, each plugin on its own database, on PostgreSQL. Users' ownership
 * claims are their catalog groups, read from the catalog as Backstage's
 * sign-in resolvers issue them.
 */

const root = path.resolve(__dirname, '../../../..');
const databases = TestDatabases.create({
  // PostgreSQL only, as in production: the matrix is about the policy, and
  // each plugin's store tests cover both databases. Two full portals cost
  // about three minutes of a CI worker.
  ids: ['POSTGRES_15'],
  disableDocker: true,
});
jest.setTimeout(180_000);

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 250));
  }
}

/** Every plugin gets a database of its own, as in production. */
function databasePerPlugin(databaseId: TestDatabaseId) {
  const clients = new Map<string, ReturnType<typeof databases.init>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient() {
        const id = plugin.getId();
        if (!clients.has(id)) clients.set(id, databases.init(databaseId));
        return clients.get(id)!;
      },
    }),
  });
}

/** Ownership claims as the sign-in resolver issues them: the user and its groups. */
const claims = new Map<string, string[]>();
const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: BackstageCredentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: claims.get(ref) ?? [ref],
      };
    },
  }),
});

/**
 * Backstage's mock auth, except that a plugin's token on behalf of a user
 * authenticates as that user *with the plugin as actor*, as real
 * on-behalf-of tokens do. backend-test-utils 1.x drops the actor, and the
 * permission backend then refuses the catalog's conditional queries as
 * direct user requests.
 */
const OBO_PREFIX = 'mock-service-token:';
const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const mock = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(mock), {
      async authenticate(token: string, options?: any) {
        const credentials = await mock.authenticate(token, options);
        if (token.startsWith(OBO_PREFIX)) {
          const { obo } = JSON.parse(token.slice(OBO_PREFIX.length));
          if (obo) {
            return mockCredentials.user(obo, {
              actor: { subject: 'plugin:vigil-test' },
            });
          }
        }
        return credentials;
      },
    });
  },
});

const SCORING = 'component:default/scoring-api';
/** The demo users the matrix acts as who belong to a group (zoe and guest do not). */
const USERS_IN_GROUPS = ['pat', 'alice', 'carol', 'dmitri', 'erin'];
const VIGIL = 'component:default/vigil';

async function startPortal(databaseId: TestDatabaseId) {
  const { server } = await startTestBackend({
    features: [
      permissionPlugin,
      policyModule,
      catalogPlugin,
      scaffolderPlugin,
      notificationsPlugin,
      signalsPlugin,
      incidentsPlugin,
      sloPlugin,
      oncallPlugin,
      deploymentsPlugin,
      launchGatesPlugin,
      supportPlugin,
      rumPlugin,
      databasePerPlugin(databaseId),
      userInfo,
      authWithActors,
      // The real HTTP auth over it: no header is nobody (401), not a default user.
      httpAuthServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://127.0.0.1:3000' },
          permission: { enabled: true },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'API',
                  'Resource',
                  'Location',
                  'Group',
                  'User',
                  'Template',
                ],
              },
            ],
            locations: [
              { type: 'file', target: path.join(root, 'catalog-info.yaml') },
            ],
          },
          launchGates: {
            templates: {
              directories: [path.join(root, 'launch-gates/templates')],
            },
          },
          vigil: {
            permission: {
              adminGroups: ['group:default/portal-admins'],
              sreGroups: ['group:default/sre'],
              productOwnerGroups: ['group:default/product-owners'],
              readOnlyUsers: ['user:default/guest'],
            },
            // Nothing listens there: SLO evaluation fails quietly; refresh reads the catalog.
            prometheus: { url: 'http://127.0.0.1:9' },
            incidents: {
              alertmanager: { webhookToken: 'matrix-webhook-token' },
              pageOnCall: false,
            },
            oncall: { seedFile: path.join(root, 'ops/oncall/demo-seed.yaml') },
          },
        },
      }),
    ],
  });
  const call = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    url: string,
    ref?: string,
  ) => {
    const req = request(server)[method](url);
    if (ref === 'service')
      req.set('authorization', mockCredentials.service.header());
    else if (ref) req.set('authorization', mockCredentials.user.header(ref));
    return req;
  };

  // The demo organisation, ingested and stitched.
  await waitFor(async () => {
    const res = await call(
      'get',
      '/api/catalog/entities?filter=kind=user',
      'service',
    );
    const users = res.status === 200 ? res.body : [];
    // Every demo user in a group stitched with it: the catalog stitches
    // users one by one, and a claim read too early loses its groups (the
    // owner would then be refused as a stranger).
    const stitched = (name: string) =>
      users
        .find((u: any) => u.metadata.name === name)
        ?.relations?.some((r: any) => r.type === 'memberOf');
    if (!USERS_IN_GROUPS.every(stitched)) return undefined;
    for (const u of users) {
      const ref = `user:default/${u.metadata.name}`;
      claims.set(ref, [
        ref,
        ...(u.relations ?? [])
          .filter((r: any) => r.type === 'memberOf')
          .map((r: any) => r.targetRef),
      ]);
    }
    return true;
  });
  const scoring = await waitFor(async () => {
    const res = await call(
      'get',
      '/api/catalog/entities/by-name/component/default/scoring-api',
      'service',
    );
    return res.status === 200 && res.body.relations?.length
      ? res.body
      : undefined;
  });
  expect(scoring.spec.owner).toBe('group:payments');
  return { server, call };
}

/** A response as the matrix reads it (U, D, A, or `?status` for anything unexpected). */
function outcomeOf(res: { status: number; allowed?: boolean }): string {
  if (res.allowed === true) return 'A';
  if (res.status === 401) return 'U';
  if (res.status === 403 || res.allowed === false) return 'D';
  if (res.status < 500 && res.status !== 404) return 'A';
  return `?${res.status}`;
}

describe.each(databases.eachSupportedId())(
  'the role × action matrix on %s',
  databaseId => {
    it('allows and denies as the README says', async () => {
      const { call } = await startPortal(databaseId);
      expect(claims.get('user:default/guest')).toEqual(['user:default/guest']);
      expect(claims.get('user:default/pat')).toContain(
        'group:default/portal-admins',
      );

      // Fixtures, made by the roles that may.
      const declareAs = async (ref: string, entityRef: string) => {
        const res = await call('post', '/api/incidents/incidents', ref).send({
          title: 'Matrix fixture',
          severity: 'SEV3',
          entityRefs: [entityRef],
        });
        expect([res.status, res.body.error]).toEqual([201, undefined]);
        return res.body.incident;
      };
      const sreIncident = await declareAs('user:default/alice', VIGIL);
      const pmIncident = await declareAs('user:default/dmitri', SCORING);
      expect(
        (
          await call(
            'patch',
            `/api/incidents/incidents/${pmIncident.id}`,
            'user:default/dmitri',
          ).send({
            status: 'resolved',
            expectedVersion: pmIncident.version,
          })
        ).status,
      ).toBe(200);
      const pmCreated = await call(
        'post',
        `/api/incidents/incidents/${pmIncident.id}/postmortem`,
        'user:default/dmitri',
      );
      expect(pmCreated.status).toBe(201);
      const pmId = pmCreated.body.postmortem.id;
      expect(
        (
          await call(
            'put',
            `/api/incidents/postmortems/${pmId}`,
            'user:default/dmitri',
          ).send({
            expectedVersion: 1,
            actionItems: [
              {
                title: 'Matrix draft item',
                owner: 'user:default/erin',
                priority: 'P2',
                status: 'open',
              },
            ],
          })
        ).status,
      ).toBe(200);
      const schedules = await call(
        'get',
        '/api/oncall/schedules',
        'user:default/carol',
      );
      expect(schedules.status).toBe(200);
      const paymentsDaily = (
        schedules.body.items ??
        schedules.body.schedules ??
        schedules.body
      ).find((s: any) => s.name === 'Payments daily');
      expect(paymentsDaily).toBeDefined();
      const deletable = await call(
        'get',
        '/api/catalog/entities/by-name/resource/default/scoring-feature-store',
        'service',
      );
      expect(deletable.status).toBe(200);
      // A launch review of the scoring API, opened by its owner.
      const review = await call(
        'post',
        '/api/launch-gates/reviews',
        'user:default/carol',
      ).send({
        entityRef: SCORING,
        targetDate: '2027-01-15',
      });
      expect([review.status, review.body.error]).toEqual([201, undefined]);

      /** Per action: the request as a role; its answer to allowed / denied. */
      const actions: Record<
        string,
        (
          ref: string | undefined,
          role: Role,
        ) => Promise<{ status: number; allowed?: boolean }>
      > = {
        entityDelete: ref =>
          call(
            'delete',
            `/api/catalog/entities/by-uid/${deletable.body.metadata.uid}`,
            ref,
          ),
        locationCreate: (ref, role) =>
          call('post', '/api/catalog/locations', ref).send({
            type: 'url',
            target: `https://git.vigil.example/${role}/catalog-info.yaml`,
          }),
        locationDelete: async ref => {
          const made = await call(
            'post',
            '/api/catalog/locations',
            'service',
          ).send({
            type: 'url',
            target: `https://git.vigil.example/${Math.random()}/catalog-info.yaml`,
          });
          expect([made.status, made.body.error]).toEqual([201, undefined]);
          return call(
            'delete',
            `/api/catalog/locations/${made.body.location.id}`,
            ref,
          );
        },
        scaffolderTask: async ref => {
          // Past the permission check, the scaffolder looks the template up:
          // a 404 naming it means the task would have been created.
          const res = await call('post', '/api/scaffolder/v2/tasks', ref).send({
            templateRef: 'template:default/matrix-none',
            values: {},
          });
          return res.status === 404
            ? {
                status: 404,
                allowed: JSON.stringify(res.body).includes('matrix-none'),
              }
            : res;
        },
        sloRefresh: ref => call('post', '/api/slo/refresh', ref),
        declare: ref =>
          call('post', '/api/incidents/incidents', ref).send({
            title: 'Matrix declare',
            severity: 'SEV4',
            entityRefs: [SCORING],
          }),
        declareAsCommander: ref =>
          call('post', '/api/incidents/incidents', ref).send({
            title: 'Matrix declare as commander',
            severity: 'SEV4',
            entityRefs: [SCORING],
            commander: ref,
          }),
        updateOthersIncident: async ref => {
          const current = await call(
            'get',
            `/api/incidents/incidents/${sreIncident.id}`,
            'user:default/alice',
          );
          return call(
            'patch',
            `/api/incidents/incidents/${sreIncident.id}`,
            ref,
          ).send({
            summary: 'Matrix edit',
            expectedVersion: current.body.incident.version,
          });
        },
        editPostmortem: async ref => {
          const current = await call(
            'get',
            `/api/incidents/postmortems/${pmId}`,
            'user:default/alice',
          );
          return call('put', `/api/incidents/postmortems/${pmId}`, ref).send({
            expectedVersion: current.body.postmortem.version,
            impact: 'Matrix edit',
          });
        },
        readDraftActionItems: async ref => {
          const res = await call(
            'get',
            '/api/incidents/action-items?owner=user:default/erin',
            ref,
          );
          if (res.status !== 200) return res;
          const titles = res.body.items.map((i: { title: string }) => i.title);
          return { status: 200, allowed: titles.includes('Matrix draft item') };
        },
        scheduleEdit: async ref => {
          const { body: current } = await call(
            'get',
            `/api/oncall/schedules/${paymentsDaily.id}`,
            'user:default/carol',
          );
          return call(
            'put',
            `/api/oncall/schedules/${paymentsDaily.id}`,
            ref,
          ).send({
            version: current.version,
            name: current.name,
            description: 'Matrix edit',
            timeZone: current.timeZone,
            layers: current.layers,
          });
        },
        page: ref =>
          call('post', '/api/oncall/pages', ref).send({
            entityRef: SCORING,
            title: 'Matrix page',
            severity: 'low',
          }),
        // A No-Go may be signed whatever the checks say: only who signs decides.
        signOff: async ref => {
          const { body: current } = await call(
            'get',
            `/api/launch-gates/reviews/${review.body.id}`,
            'service',
          );
          return call(
            'post',
            `/api/launch-gates/reviews/${review.body.id}/sign-offs`,
            ref,
          ).send({
            decision: 'no-go',
            comment: 'Matrix sign-off',
            evidenceHash: current.evidenceHash,
          });
        },
        // The owner condition is applied by the catalog to the entity.
        recordDeployment: ref =>
          call('post', '/api/deployments/deployments', ref).send({
            entityRef: SCORING,
            kind: 'deploy',
            release: { version: '0.1.0+matrix', commit: 'abcdef1' },
            startedAt: new Date().toISOString(),
          }),
        fileTicket: ref =>
          call('post', '/api/support/tickets', ref).send({
            text: 'Matrix ticket',
            context: { route: '/catalog', time: new Date().toISOString() },
          }),
        listAllTickets: ref => call('get', '/api/support/tickets', ref),
        readRumErrors: ref => call('get', '/api/rum/errors', ref),
      };

      const seen: string[] = [];
      const want: string[] = [];
      for (const action of Object.keys(MATRIX)) {
        // Admins last: their deletes remove what the others were refused.
        for (const role of ROLE_ORDER) {
          const res = await actions[action](ROLES[role], role);
          const outcome = outcomeOf(res);
          seen.push(`${action} as ${role}: ${outcome}`);
          want.push(`${action} as ${role}: ${expected(action, role)}`);
        }
      }
      expect(seen).toEqual(want);
    });
  },
);
