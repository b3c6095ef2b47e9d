import { ConflictError } from '@backstage/errors';
import { testDatabases } from '@vigil/backend-kit/testUtils';
import {
  BOB,
  DAY,
  migratedStore,
  newPolicy,
  PAYMENTS,
  SRE,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();

describe.each(databases.eachSupportedId())('policies on %s', databaseId => {
  it('creates, reads and lists oldest first, paginated', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const first = await store.createPolicy(
      newPolicy({ description: 'the default' }),
    );
    expect(first).toEqual({
      id: expect.any(String),
      ownerRef: PAYMENTS,
      name: 'Default',
      description: 'the default',
      repeat: 2,
      steps: newPolicy().steps,
      version: 1,
      createdAt: new Date(T0).toISOString(),
      updatedAt: new Date(T0).toISOString(),
    });
    expect(await store.getPolicy(first.id)).toEqual(first);
    expect(await store.getPolicy('missing')).toBeUndefined();
    const second = await store.createPolicy(
      newPolicy({ name: 'Night', now: T0 + DAY }),
    );
    await store.createPolicy(newPolicy({ ownerRef: SRE, now: T0 - DAY }));

    const list = async (query: object) => {
      const page = await store.listPolicies({ limit: 10, offset: 0, ...query });
      return { ids: page.items.map(p => p.id), total: page.total };
    };
    expect(await list({ ownerRefs: [PAYMENTS] })).toEqual({
      ids: [first.id, second.id],
      total: 2,
    });
    expect((await list({})).total).toBe(3);
    expect(await list({ limit: 1, offset: 2 })).toEqual({
      ids: [second.id],
      total: 3,
    });
    expect(await list({ ownerRefs: [] })).toEqual({ ids: [], total: 0 });
  });

  it('refuses a second policy of the same name in a group', async () => {
    const { store } = await migratedStore(databases, databaseId);
    await store.createPolicy(newPolicy());
    await expect(store.createPolicy(newPolicy())).rejects.toThrow(
      ConflictError,
    );
    await expect(store.createPolicy(newPolicy())).rejects.toThrow(/^name: /);
    // Another group may use the name.
    await expect(
      store.createPolicy(newPolicy({ ownerRef: SRE })),
    ).resolves.toMatchObject({ ownerRef: SRE });
  });

  it('edits and deletes with a version check', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const policy = await store.createPolicy(newPolicy());
    const other = await store.createPolicy(newPolicy({ name: 'Other' }));
    const edit = {
      ...newPolicy({ name: 'Renamed', repeat: 3, createdBy: BOB }),
      id: policy.id,
      version: 1,
      now: T0 + DAY,
    };
    const edited = await store.updatePolicy(edit);
    expect(edited).toEqual({
      ...policy,
      name: 'Renamed',
      repeat: 3,
      version: 2,
      updatedAt: new Date(T0 + DAY).toISOString(),
    });
    expect(await store.updatePolicy(edit)).toBe('conflict');
    expect(
      await store.updatePolicy({ ...edit, id: 'missing' }),
    ).toBeUndefined();
    await expect(
      store.updatePolicy({ ...edit, id: other.id, name: 'Renamed' }),
    ).rejects.toThrow(ConflictError);
    expect((await store.getPolicy(other.id))?.name).toBe('Other');

    expect(await store.deletePolicy(policy.id, 1)).toBe('conflict');
    expect(await store.deletePolicy('missing', 1)).toBe(false);
    expect(await store.deletePolicy(policy.id, 2)).toBe(true);
    expect(await store.getPolicy(policy.id)).toBeUndefined();
    expect((await store.getPolicy(other.id))?.createdAt).toBe(
      new Date(T0).toISOString(),
    );
  });
});
