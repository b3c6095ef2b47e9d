import { doraFigures, median } from './dora';
import type { DeploymentRecord } from './records';

const ENTITY = 'component:default/scoring-api';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TO = Date.parse('2026-12-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

let nextId = 0;
/** A deploy that took traffic `daysAgo` days before TO and succeeded. */
function deploy(
  daysAgo: number,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  const switched = TO - daysAgo * DAY;
  nextId += 1;
  return {
    id: `d${nextId}`,
    entityRef: ENTITY,
    environment: 'production',
    kind: 'deploy',
    outcome: 'succeeded',
    release: {
      version: `0.1.${nextId}`,
      commit: 'abcdef1',
      commitTime: iso(switched - 2 * HOUR),
    },
    recordedBy: 'vigil-deploy',
    startedAt: iso(switched - 5 * MINUTE),
    trafficSwitchedAt: iso(switched),
    finishedAt: iso(switched + 10 * MINUTE),
    steps: [],
    smoke: [],
    revision: 1,
    createdAt: iso(switched - 5 * MINUTE),
    updatedAt: iso(switched + 10 * MINUTE),
    ...overrides,
  };
}

/** A deploy rolled back in its watch window, `restoreMinutes` after taking traffic. */
function rolledBack(
  daysAgo: number,
  restoreMinutes: number,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  const switched = TO - daysAgo * DAY;
  return deploy(daysAgo, {
    outcome: 'rolled_back',
    steps: [
      {
        name: 'rollback',
        status: 'succeeded',
        startedAt: iso(switched + (restoreMinutes - 1) * MINUTE),
        finishedAt: iso(switched + restoreMinutes * MINUTE),
      },
    ],
    finishedAt: iso(switched + (restoreMinutes + 5) * MINUTE),
    ...overrides,
  });
}

const window = { entityRef: ENTITY, to: TO, days: 30 };

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('doraFigures', () => {
  const cases: {
    name: string;
    records: DeploymentRecord[];
    expected: Partial<ReturnType<typeof doraFigures>>;
  }[] = [
    {
      name: 'nothing to compute from',
      records: [],
      expected: {
        deployments: 0,
        deploymentFrequencyPerDay: 0,
        changeFailureRate: null,
        timeToRestoreMs: null,
        leadTimeMs: null,
      },
    },
    {
      name: 'three good deploys',
      records: [deploy(1), deploy(2), deploy(3)],
      expected: {
        deployments: 3,
        deploymentFrequencyPerDay: 3 / 30,
        changeFailureRate: 0,
        timeToRestoreMs: null,
        leadTimeMs: 2 * HOUR,
      },
    },
    {
      name: 'drills, other entities and deploys outside the window do not count',
      records: [
        deploy(1),
        rolledBack(2, 3, { kind: 'drill' }),
        deploy(3, { entityRef: 'component:default/other' }),
        deploy(31),
        deploy(-1),
      ],
      expected: { deployments: 1, changeFailureRate: 0 },
    },
    {
      name: 'a deploy that never took traffic is not a deployment',
      records: [
        deploy(1),
        deploy(2, { outcome: 'failed', trafficSwitchedAt: undefined }),
        deploy(3, { outcome: 'in_progress', trafficSwitchedAt: undefined }),
      ],
      expected: { deployments: 1, changeFailureRate: 0 },
    },
    {
      name: 'rolled back in the watch window: restored at the end of the rollback step',
      records: [deploy(1), rolledBack(2, 4), rolledBack(3, 10), deploy(4)],
      expected: {
        deployments: 4,
        changeFailureRate: 0.5,
        timeToRestoreMs: 7 * MINUTE,
      },
    },
    {
      name: 'rolled back without a rollback step: restored at its end',
      records: [rolledBack(2, 4, { steps: [] })],
      expected: { changeFailureRate: 1, timeToRestoreMs: 9 * MINUTE },
    },
    {
      name: 'failed after taking traffic, restored by a rollback by hand',
      records: [
        deploy(2, { outcome: 'failed' }),
        deploy(2 - 30 / (24 * 60), {
          kind: 'rollback',
          trafficSwitchedAt: iso(TO - 2 * DAY + 30 * MINUTE),
        }),
      ],
      expected: {
        deployments: 1,
        changeFailureRate: 1,
        timeToRestoreMs: 30 * MINUTE,
      },
    },
    {
      name: 'a succeeded deploy rolled back by hand later is a failed change',
      records: [
        deploy(3),
        deploy(2),
        deploy(2 - 1 / 24, {
          kind: 'rollback',
          trafficSwitchedAt: iso(TO - 2 * DAY + HOUR),
        }),
        deploy(1),
      ],
      expected: {
        deployments: 3,
        changeFailureRate: 1 / 3,
        timeToRestoreMs: HOUR,
      },
    },
    {
      name: 'a failed deploy never restored counts as a failure without a restore time',
      records: [deploy(2), deploy(1, { outcome: 'failed' })],
      expected: { changeFailureRate: 0.5, timeToRestoreMs: null },
    },
    {
      name: 'lead time: median over releases with a commit time; skew counts as 0',
      records: [
        deploy(1, {
          release: { version: '1', commit: 'abcdef1', commitTime: iso(TO) },
        }),
        deploy(2, {
          release: {
            version: '2',
            commit: 'abcdef1',
            commitTime: iso(TO - 2 * DAY - 4 * HOUR),
          },
        }),
        deploy(3, {
          release: {
            version: '3',
            commit: 'abcdef1',
            commitTime: iso(TO - 3 * DAY - 6 * HOUR),
          },
        }),
        deploy(4, { release: { version: '4', commit: 'abcdef1' } }),
      ],
      expected: { deployments: 4, leadTimeMs: 4 * HOUR },
    },
  ];

  it.each(cases)('$name', ({ records, expected }) => {
    expect(doraFigures(records, window)).toMatchObject(expected);
  });

  it('names the window', () => {
    expect(
      doraFigures([], { entityRef: ENTITY, to: TO, days: 7 }),
    ).toMatchObject({
      entityRef: ENTITY,
      from: '2026-11-24T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      days: 7,
    });
  });

  it('does not depend on the order of the records', () => {
    const records = [deploy(1), rolledBack(2, 4), deploy(3), rolledBack(5, 8)];
    expect(doraFigures([...records].reverse(), window)).toEqual(
      doraFigures(records, window),
    );
  });
});
