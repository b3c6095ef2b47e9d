import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityDirectory } from './EntityDirectory';

function entity(ref: string, annotations: Record<string, string> = {}): Entity {
  const [, kind, namespace, name] = ref.match(/^(\w+):(\w+)\/(.+)$/)!;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: { component: 'Component', api: 'API', system: 'System' }[kind]!,
    metadata: { name, namespace, annotations },
    spec: {},
  };
}

async function lookup(entities: Entity[], label: string) {
  const directory = new EntityDirectory({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
  await directory.ensureFresh();
  return directory.lookup(label);
}

describe('EntityDirectory: which entity an alert service label names', () => {
  it.each([
    {
      why: 'a bare name',
      entities: [entity('component:default/checkout')],
      expected: 'component:default/checkout',
    },
    {
      why: 'a service over its API of the same name',
      entities: [
        entity('api:default/checkout'),
        entity('component:default/checkout'),
      ],
      expected: 'component:default/checkout',
    },
    {
      why: 'the default namespace over the sandbox, whatever the kinds',
      entities: [
        entity('component:sandbox/checkout'),
        entity('api:default/checkout'),
      ],
      expected: 'api:default/checkout',
    },
    {
      why: 'a real service over the sandbox service of the same name',
      entities: [
        entity('component:sandbox/checkout', {
          'vigil.dev/alert-service': 'sandbox-checkout',
        }),
        entity('component:default/checkout'),
      ],
      expected: 'component:default/checkout',
    },
    {
      why: 'nothing when two namespaces other than default tie',
      entities: [
        entity('component:sandbox/checkout'),
        entity('component:payments/checkout'),
      ],
      expected: undefined,
    },
    {
      why: 'the annotation over any bare name',
      entities: [
        entity('component:default/checkout'),
        entity('component:sandbox/checkout', {
          'vigil.dev/alert-service': 'checkout',
        }),
      ],
      expected: 'component:sandbox/checkout',
    },
  ])('$why', async ({ entities, expected }) => {
    expect(await lookup(entities, 'checkout')).toBe(expected);
  });

  it('finds a sandbox service by its annotation', async () => {
    const entities = [
      entity('component:default/checkout'),
      entity('component:sandbox/checkout', {
        'vigil.dev/alert-service': 'sandbox-checkout',
      }),
    ];
    expect(await lookup(entities, 'sandbox-checkout')).toBe(
      'component:sandbox/checkout',
    );
  });
});
