import {
  deployBody,
  DAY,
  expectConforms,
  MINUTE,
  testBackends,
} from './__testUtils__/backend';
import { ALICE, OTHER, SCORING_API, ZOE } from './__testUtils__/catalog';

const { startBackend, databases } = testBackends();

describe.each(databases.eachSupportedId())('DORA figures on %s', databaseId => {
  it('gives DORA figures of an entity its readers may see', async () => {
    const backend = await startBackend({ databaseId });
    const now = Date.now();
    const at = (ms: number) => new Date(ms).toISOString();
    const record = async (
      daysAgo: number,
      outcome: string,
      restoreMinutes?: number,
    ) => {
      const switched = now - daysAgo * DAY;
      const res = await backend.deployToken.post('/deployments').send(
        deployBody({
          startedAt: at(switched - 5 * MINUTE),
          trafficSwitchedAt: at(switched),
          outcome: outcome as any,
          release: {
            version: `v${daysAgo}`,
            commit: 'abcdef1',
            commitTime: at(switched - 60 * MINUTE),
          },
          steps:
            restoreMinutes === undefined
              ? []
              : [
                  {
                    name: 'rollback',
                    status: 'succeeded',
                    startedAt: at(switched),
                    finishedAt: at(switched + restoreMinutes * MINUTE),
                  },
                ],
          finishedAt: at(switched + 20 * MINUTE),
        }),
      );
      expect(res.status).toBe(201);
    };
    await record(1, 'succeeded');
    await record(2, 'rolled_back', 6);
    await record(3, 'succeeded');
    await record(4, 'succeeded');
    await record(40, 'succeeded');
    await backend.deployToken.post('/deployments').send(
      deployBody({
        kind: 'drill',
        trafficSwitchedAt: at(now - DAY),
        startedAt: at(now - DAY - MINUTE),
        outcome: 'rolled_back',
      }),
    );

    const res = await backend
      .as(ALICE)
      .get(`/dora?entityRef=${SCORING_API}&days=30`);
    expect(res.status).toBe(200);
    expectConforms('GET /dora', res);
    expect(res.body).toMatchObject({
      entityRef: SCORING_API,
      days: 30,
      deployments: 4,
      deploymentFrequencyPerDay: 4 / 30,
      changeFailureRate: 0.25,
      timeToRestoreMs: 6 * MINUTE,
      leadTimeMs: 60 * MINUTE,
    });
    const defaults = await backend
      .as(ALICE)
      .get(`/dora?entityRef=component:scoring-api`);
    expect(defaults.body).toMatchObject({ days: 30, deployments: 4 });
    const empty = await backend
      .as(ALICE)
      .get(`/dora?entityRef=${OTHER}&days=7`);
    expect(empty.body).toMatchObject({
      deployments: 0,
      changeFailureRate: null,
      timeToRestoreMs: null,
      leadTimeMs: null,
    });

    const hidden = await backend.as(ZOE).get(`/dora?entityRef=${SCORING_API}`);
    expect(hidden.status).toBe(404);
    expectConforms('GET /dora', hidden);
    for (const query of [
      '',
      '?entityRef=x',
      `?entityRef=${SCORING_API}&days=0`,
      `?entityRef=${SCORING_API}&days=366`,
      `?entityRef=${SCORING_API}&days=1e2`,
    ]) {
      const bad = await backend.as(ALICE).get(`/dora${query}`);
      expect([query, bad.status]).toEqual([query, 400]);
    }
  });
});
