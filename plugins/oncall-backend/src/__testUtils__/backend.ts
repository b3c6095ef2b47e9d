import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { defaultOnCallPolicyDecision } from '@vigil/backstage-plugin-oncall-common';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import { DatabaseOnCallStore } from '../database/DatabaseOnCallStore';
import { oncallPlugin } from '../plugin';
import { catalogEntities, ownershipOf } from './catalog';

/**
 * The setup of the HTTP API's tests (src/router.<area>.test.ts): the
 * on-call plugin in a test backend over the demo organisation's catalog,
 * Vigil's default on-call permission policy (owners manage; services may do
 * anything), recording notifications and signals, and the check of
 * responses against openapi.yaml.
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

function permissions() {
  const decide = (permission: any, credentials: any) => {
    const principal = credentials.principal ?? {};
    if (principal.type === 'service') return { result: AuthorizeResult.ALLOW };
    const user = principal.userEntityRef
      ? {
          userEntityRef: principal.userEntityRef,
          ownershipEntityRefs: ownershipOf(principal.userEntityRef),
        }
      : undefined;
    return (
      defaultOnCallPolicyDecision(permission, user) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  };
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials) as any),
  });
}

/** The databases the API runs on, and a backend to start on one of them. */
export function testBackends() {
  const databases = testDatabases();

  async function startBackend(
    options: {
      databaseId?: TestDatabaseId;
      config?: JsonObject;
      entities?: Entity[];
    } = {},
  ) {
    const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
    const auditor = mockServices.auditor.mock();
    const auditorEvent = { success: jest.fn(), fail: jest.fn() };
    auditor.createEvent.mockResolvedValue(auditorEvent);
    const sent: NotificationSendOptions[] = [];
    const signals: { channel: string; message: unknown }[] = [];
    const { server } = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: options.entities ?? catalogEntities,
        }),
        auditor.factory,
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({ data: options.config ?? {} }),
        // Requests without a token are anonymous, as in production.
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
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (o: any) => {
              signals.push({ channel: o.channel, message: o.message });
            },
          }),
        }),
      ],
    });
    const client = (header?: string) => {
      const call =
        (method: 'get' | 'post' | 'put' | 'delete') => (url: string) => {
          const req = request(server)[method](`/api/oncall${url}`);
          return header ? req.set('authorization', header) : req;
        };
      return {
        get: call('get'),
        post: call('post'),
        put: call('put'),
        delete: call('delete'),
      };
    };
    return {
      server,
      knex,
      auditor,
      auditorEvent,
      sent,
      signals,
      store: new DatabaseOnCallStore(knex),
      as: (userRef: string) => client(mockCredentials.user.header(userRef)),
      service: client(mockCredentials.service.header()),
      anonymous: client(),
    };
  }

  return { databases, startBackend };
}

export type TestBackend = Awaited<
  ReturnType<ReturnType<typeof testBackends>['startBackend']>
>;
