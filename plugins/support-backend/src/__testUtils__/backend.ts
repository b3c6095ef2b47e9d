import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  createResponseValidator,
  readOpenApiDocument,
  ResponseLike,
} from '@vigil/openapi-contract';
import { supportPlugin } from '../plugin';

/**
 * The setup of the HTTP API's tests: the support plugin in a test backend
 * on SQLite or PostgreSQL, a permission policy like the portal's (pat is a
 * portal admin, the guest reads only), notifications and auditor events
 * kept to assert on, and the check of responses against openapi.yaml.
 */

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const PAT = 'user:default/pat';
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const GUEST = 'user:default/guest';

function decide(permission: string, userRef: string | undefined) {
  if (userRef === undefined) return AuthorizeResult.ALLOW;
  if (permission === 'support.ticket.manage') {
    return userRef === PAT ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
  }
  return userRef === GUEST ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
}

/** The databases the API runs on, and a backend to start on one of them. */
export function testBackends() {
  const databases = testDatabases();

  async function startBackend(
    options: { databaseId?: TestDatabaseId; config?: JsonObject } = {},
  ) {
    const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
    const sent: NotificationSendOptions[] = [];
    const auditor = mockServices.auditor.mock();
    const events: Array<{ eventId: string; outcome: string }> = [];
    auditor.createEvent.mockImplementation(async ({ eventId }) => ({
      success: async () => {
        events.push({ eventId, outcome: 'success' });
      },
      fail: async () => {
        events.push({ eventId, outcome: 'fail' });
      },
    }));
    const { server } = await startTestBackend({
      features: [
        supportPlugin,
        auditor.factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (notification: NotificationSendOptions) => {
              sent.push(notification);
            },
          }),
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: options.config ?? {} }),
        mockServices.permissions.mock({
          authorize: async (requests, { credentials }) =>
            requests.map(r => ({
              result: decide(
                (r as { permission: { name: string } }).permission.name,
                (credentials.principal as { userEntityRef?: string })
                  .userEntityRef,
              ),
            })) as any,
        }).factory,
        // Requests without a token are anonymous, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const client = (header?: string) => {
      const call = (method: 'get' | 'post' | 'put') => (url: string) => {
        const req = request(server)[method](`/api/support${url}`);
        return header ? req.set('authorization', header) : req;
      };
      return { get: call('get'), post: call('post'), put: call('put') };
    };
    return {
      knex,
      sent,
      events,
      as: (userRef: string) => client(mockCredentials.user.header(userRef)),
      service: client(mockCredentials.service.header()),
      anonymous: client(),
    };
  }

  return { databases, startBackend };
}
