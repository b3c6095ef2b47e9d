/**
 * The service health plugin in a test backend over a mock catalog that
 * applies read permissions as the caller (Bob cannot read "secret"), with
 * no Prometheus configured and markers off.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogServiceRequestOptions } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { serviceHealthPlugin } from '../plugin';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service' },
});
const ENTITIES = [
  component('scoring-api', { 'vigil.dev/prometheus-job': 'scoring-api' }),
  component('secret', { 'vigil.dev/prometheus-job': 'secret' }),
  component('plain', {}),
];
export const BOB = 'user:default/bob';

// The catalog applies read permissions as the caller: Bob cannot see "secret".
const catalog = catalogServiceMock.mock({
  getEntityByRef: async (ref, options) => {
    const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
    const credentials = (options as CatalogServiceRequestOptions)
      .credentials as BackstageCredentials<{ userEntityRef?: string }>;
    if (
      key === 'component:default/secret' &&
      credentials.principal.userEntityRef === BOB
    ) {
      return undefined;
    }
    return ENTITIES.find(e => stringifyEntityRef(e) === key);
  },
});

export async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      serviceHealthPlugin,
      catalog.factory,
      // No header is no one (the default would be a user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: { vigil: { serviceHealth: { markers: false } } },
      }),
    ],
  });
  return server;
}
