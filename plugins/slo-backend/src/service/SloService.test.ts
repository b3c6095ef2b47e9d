import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SloStore } from '../database/SloStore';
import { SloService } from './SloService';

describe('SloService.readableEntityRefs', () => {
  function setup() {
    let now = 1_000_000;
    const store = {
      listEntityRefs: jest.fn(async () => [
        'component:default/a',
        'component:default/b',
      ]),
    } as unknown as SloStore;
    // The catalog hides b from this caller.
    const getEntitiesByRefs = jest.fn(async () => ({
      items: [{ kind: 'Component' }, undefined],
    }));
    const service = new SloService({
      store,
      catalog: { getEntitiesByRefs } as unknown as CatalogService,
      cache: mockServices.cache.mock(),
      staleAfterMs: 180_000,
      readableRefsTtlMs: 30_000,
      now: () => now,
    });
    return { service, getEntitiesByRefs, advance: (ms: number) => (now += ms) };
  }

  it('asks the catalog as the caller and reuses the answer per principal for the TTL', async () => {
    const { service, getEntitiesByRefs, advance } = setup();
    const alice = mockCredentials.user('user:default/alice');
    expect(await service.readableEntityRefs(alice)).toEqual(['component:default/a']);
    expect(await service.readableEntityRefs(alice)).toEqual(['component:default/a']);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).toHaveBeenCalledWith(expect.anything(), {
      credentials: alice,
    });

    // Another principal is asked for separately.
    await service.readableEntityRefs(mockCredentials.user('user:default/bob'));
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);

    // After the TTL the catalog is asked again.
    advance(30_001);
    await service.readableEntityRefs(alice);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(3);
  });
});
