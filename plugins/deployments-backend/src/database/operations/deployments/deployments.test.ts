import {
  itRunsOnTheRequiredDatabase,
  testDatabases,
} from '@vigil/backend-kit/testUtils';
import {
  DAY,
  iso,
  migratedStore,
  MINUTE,
  newDeployment,
  OTHER,
  SCORING_API,
  T0,
} from '../../__testUtils__/fixtures';

const databases = testDatabases();
itRunsOnTheRequiredDatabase(databases);

describe.each(databases.eachSupportedId())('deployments on %s', databaseId => {
  it('stores a record at revision 1 and reads it back whole', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const drill = {
      schemaVersion: 1 as const,
      badRelease: { version: 'bad', commit: 'abcdef1' },
      fault: { errorRate: 1 },
      goodRelease: { version: 'good', commit: 'abcdef2' },
      load: { rate: 50, connections: 4, durationMs: 60_000 },
      badTrafficAt: iso(T0),
      detection: {
        detectedAt: iso(T0 + 5_000),
        detectionMs: 5_000,
        signal: 'smoke' as const,
        detail: 'score failed',
      },
      rto: {
        restoredAt: iso(T0 + 8_000),
        rtoMs: 8_000,
        targetMs: 60_000,
        met: true,
      },
      rpo: {
        totalRequests: 3000,
        failedRequests: 12,
        windowMs: 4_000,
        targetMs: 60_000,
        featureWrites: { acknowledged: 10, lost: 0 },
        met: true,
      },
      passed: true,
    };
    const input = newDeployment({
      kind: 'drill',
      previous: {
        version: '0.0.9',
        commit: 'abcdef0',
        dirty: true,
        ref: 'HEAD',
      },
      reason: 'monthly drill',
      trafficSwitchedAt: iso(T0 + MINUTE),
      finishedAt: iso(T0 + 2 * MINUTE),
      smoke: [
        {
          name: 'readiness',
          ok: true,
          target: 'green',
          at: iso(T0),
          durationMs: 12.5,
          detail: 'ready',
        },
      ],
      drill,
    });
    const created = await store.createDeployment(input);
    expect(created).toEqual({
      id: expect.any(String),
      entityRef: SCORING_API,
      environment: 'production',
      kind: 'drill',
      outcome: 'in_progress',
      release: input.release,
      previous: input.previous,
      fromColor: 'blue',
      toColor: 'green',
      recordedBy: 'vigil-deploy',
      operator: 'ci@builder',
      reason: 'monthly drill',
      startedAt: iso(T0),
      trafficSwitchedAt: iso(T0 + MINUTE),
      finishedAt: iso(T0 + 2 * MINUTE),
      steps: input.steps,
      smoke: input.smoke,
      drill,
      revision: 1,
      createdAt: iso(T0),
      updatedAt: iso(T0),
    });
    expect(await store.getDeployment(created.id)).toEqual(created);
    expect(await store.getDeployment('missing')).toBeUndefined();

    // Optional fields left out stay out.
    const bare = await store.createDeployment(
      newDeployment({
        fromColor: undefined,
        toColor: undefined,
        operator: undefined,
      }),
    );
    const read = await store.getDeployment(bare.id);
    expect(read).toEqual(bare);
    expect(Object.keys(read!)).not.toEqual(
      expect.arrayContaining(['previous', 'fromColor', 'finishedAt', 'drill']),
    );
  });

  it('updates with a revision check, replacing only the fields given', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const created = await store.createDeployment(newDeployment());
    const steps = [
      {
        name: 'build',
        status: 'succeeded' as const,
        startedAt: iso(T0),
        finishedAt: iso(T0 + MINUTE),
      },
      {
        name: 'switch',
        status: 'succeeded' as const,
        startedAt: iso(T0 + MINUTE),
      },
    ];
    const updated = await store.updateDeployment({
      id: created.id,
      revision: 1,
      steps,
      trafficSwitchedAt: iso(T0 + 2 * MINUTE),
      now: T0 + 2 * MINUTE,
    });
    expect(updated).toEqual({
      ...created,
      steps,
      trafficSwitchedAt: iso(T0 + 2 * MINUTE),
      revision: 2,
      updatedAt: iso(T0 + 2 * MINUTE),
    });
    expect(
      await store.updateDeployment({
        id: created.id,
        revision: 1,
        outcome: 'failed',
        now: T0,
      }),
    ).toBe('conflict');
    expect(
      await store.updateDeployment({ id: 'missing', revision: 1, now: T0 }),
    ).toBeUndefined();
    const finished = await store.updateDeployment({
      id: created.id,
      revision: 2,
      outcome: 'succeeded',
      finishedAt: iso(T0 + 3 * MINUTE),
      reason: 'done',
      now: T0 + 3 * MINUTE,
    });
    expect(finished).toMatchObject({
      outcome: 'succeeded',
      steps,
      finishedAt: iso(T0 + 3 * MINUTE),
      reason: 'done',
      revision: 3,
    });
    expect(await store.getDeployment(created.id)).toEqual(finished);
  });

  it('lists newest first, filtered, counted and paged in the database', async () => {
    const { store } = await migratedStore(databases, databaseId);
    const at = (days: number, overrides = {}) =>
      store.createDeployment(
        newDeployment({ startedAt: iso(T0 + days * DAY), ...overrides }),
      );
    const d0 = await at(0);
    const d1 = await at(1, { kind: 'rollback' });
    const d2 = await at(2, { kind: 'drill' });
    const other = await at(3, { entityRef: OTHER });

    const list = async (query: object) => {
      const page = await store.listDeployments({
        limit: 10,
        offset: 0,
        ...query,
      });
      return { ids: page.items.map(d => d.id), total: page.totalCount };
    };
    expect(await list({})).toEqual({
      ids: [other.id, d2.id, d1.id, d0.id],
      total: 4,
    });
    expect(await list({ entityRefs: [SCORING_API] })).toEqual({
      ids: [d2.id, d1.id, d0.id],
      total: 3,
    });
    expect(
      await list({ entityRefs: [SCORING_API, OTHER], kinds: ['deploy'] }),
    ).toEqual({
      ids: [other.id, d0.id],
      total: 2,
    });
    expect(await list({ from: T0 + DAY, to: T0 + 3 * DAY })).toEqual({
      ids: [d2.id, d1.id],
      total: 2,
    });
    expect(await list({ limit: 2, offset: 1 })).toEqual({
      ids: [d2.id, d1.id],
      total: 4,
    });
    expect(await list({ offset: 4 })).toEqual({ ids: [], total: 4 });
    expect(await list({ entityRefs: [] })).toEqual({ ids: [], total: 0 });
    expect(await list({ kinds: [] })).toEqual({ ids: [], total: 0 });
    expect(await store.listEntityRefs()).toEqual([OTHER, SCORING_API]);
  });

  it('filters on many readable entities in one statement', async () => {
    const { store } = await migratedStore(databases, databaseId);
    await store.createDeployment(newDeployment());
    const many = Array.from(
      { length: 5000 },
      (_, i) => `component:default/c${i}`,
    );
    const page = await store.listDeployments({
      entityRefs: [...many, SCORING_API],
      limit: 10,
      offset: 0,
    });
    expect(page.totalCount).toBe(1);
  });
});
