import request from 'supertest';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { defaultSandboxPolicyDecision } from '@vigil/backstage-plugin-sandbox-common';
import {
  createResponseValidator,
  readOpenApiDocument,
  type ResponseLike,
} from '@vigil/openapi-contract';
import { sandboxPlugin } from '../plugin';

const validateResponse = createResponseValidator(
  readOpenApiDocument(path.resolve(__dirname, '../../openapi.yaml')),
);
/** The response is one openapi.yaml declares for the operation. */
export const expectConforms = (operation: string, res: ResponseLike) =>
  expect(validateResponse(operation, res)).toEqual([]);

export const ALICE = 'user:default/alice';
/** Read-only (vigil.permission.readOnlyUsers). */
export const GUEST = 'user:default/guest';

const component = (
  name: string,
  namespace: string,
  title?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace, ...(title && { title }) },
  spec: { type: 'service', owner: 'group:default/sre' },
});

/** The sandbox's two services, and a real one of the same name. */
const entities: Entity[] = [
  component('inventory', 'sandbox'),
  component('checkout', 'sandbox', 'Checkout (sandbox, synthetic)'),
  component('checkout', 'default'),
  {
    ...component('sandbox', 'sandbox'),
    kind: 'System',
  },
];

/** The portal's default decision (the guest is read-only). */
function permissions() {
  return mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const principal = credentials.principal as {
          type: string;
          userEntityRef?: string;
        };
        const user =
          principal.type === 'user'
            ? { roles: { readOnly: principal.userEntityRef === GUEST } }
            : undefined;
        return (
          defaultSandboxPolicyDecision(r.permission, user) ?? {
            result: AuthorizeResult.ALLOW,
          }
        );
      }) as any,
  });
}

/**
 * The sandbox plugin in a test backend: the catalog holds the sandbox
 * entities, discovery sends the incidents and SLO backends' calls to
 * `pluginsUrl` (a stand-in server), and `vigil.sandbox` points at
 * `serviceUrl`.
 */
export async function startBackend(options: {
  pluginsUrl: string;
  sandbox: JsonObject;
}) {
  const auditor = mockServices.auditor.mock();
  const auditorEvent = { success: jest.fn(), fail: jest.fn() };
  auditor.createEvent.mockResolvedValue(auditorEvent);
  const discovery = createServiceFactory({
    service: coreServices.discovery,
    deps: {},
    factory: () => ({
      getBaseUrl: async (pluginId: string) =>
        `${options.pluginsUrl}/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `${options.pluginsUrl}/api/${pluginId}`,
    }),
  });
  const { server } = await startTestBackend({
    features: [
      sandboxPlugin,
      catalogServiceMock.factory({ entities }),
      auditor.factory,
      discovery,
      permissions().factory,
      mockServices.rootConfig.factory({
        data: { vigil: { sandbox: options.sandbox } },
      }),
      // Requests without a token are anonymous, as in production.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  const as = (header?: string) => {
    const withAuth = (req: request.Test) =>
      header ? req.set('authorization', header) : req;
    return {
      get: (url: string) => withAuth(request(server).get(`/api/sandbox${url}`)),
      put: (url: string) => withAuth(request(server).put(`/api/sandbox${url}`)),
      post: (url: string) =>
        withAuth(request(server).post(`/api/sandbox${url}`)),
    };
  };
  return {
    server,
    auditor,
    auditorEvent,
    alice: as(mockCredentials.user.header(ALICE)),
    guest: as(mockCredentials.user.header(GUEST)),
    anonymous: as(),
  };
}
