import { incidentMetrics, MetricsIncident } from './metrics';
import { at } from './__testUtils__/fixtures';

const period = { from: at(0), to: at(60 * 24 * 30) };
const MIN = 60_000;

describe('incidentMetrics', () => {
  it('returns undefined means and zero counts for an empty set', () => {
    const m = incidentMetrics([], period);
    expect(m).toEqual({
      count: 0,
      countBySeverity: { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 },
      overdueActionItems: 0,
    });
    expect(Object.values(m).some(v => Number.isNaN(v))).toBe(false);
  });

  it('computes metrics over a mixed set, ignoring incidents outside the period', () => {
    const incidents: MetricsIncident[] = [
      {
        severity: 'SEV1',
        timestamps: {
          declaredAt: at(10),
          acknowledgedAt: at(12),
          mitigatedAt: at(30),
          resolvedAt: at(70),
        },
        postmortemState: 'published',
        actionItems: [
          { status: 'open', dueDate: '2024-05-10' },
          { status: 'done', dueDate: '2024-05-02' },
          { status: 'in_progress', dueDate: '2099-01-01' },
          { status: 'open' },
        ],
      },
      {
        severity: 'SEV2',
        timestamps: {
          declaredAt: at(100),
          acknowledgedAt: at(106),
          resolvedAt: at(130),
        },
        postmortemState: 'draft',
        actionItems: [
          { status: 'in_progress', dueDate: '2024-05-03' },
          { status: 'wont_do', dueDate: '2024-05-03' },
        ],
      },
      { severity: 'SEV2', timestamps: { declaredAt: at(200) } },
      {
        severity: 'SEV4',
        timestamps: { declaredAt: at(-10), acknowledgedAt: at(500) },
      },
    ];
    const m = incidentMetrics(incidents, period);
    expect(m.count).toBe(3);
    expect(m.countBySeverity).toEqual({ SEV1: 1, SEV2: 2, SEV3: 0, SEV4: 0 });
    expect(m.mttaMs).toBe(4 * MIN);
    expect(m.mttrMs).toBe(45 * MIN);
    expect(m.mttmMs).toBe(20 * MIN);
    expect(m.publishedPostmortemShare).toBeCloseTo(1 / 3);
    expect(m.overdueActionItems).toBe(2);
  });

  it('leaves means undefined when no incident reached the phase', () => {
    const m = incidentMetrics(
      [{ severity: 'SEV3', timestamps: { declaredAt: at(1) } }],
      period,
    );
    expect(m.mttaMs).toBeUndefined();
    expect(m.mttrMs).toBeUndefined();
    expect(m.mttmMs).toBeUndefined();
    expect(m.publishedPostmortemShare).toBe(0);
  });

  it.each([
    [
      'alert-opened: from the first alert, not the declaration',
      [{ detectedAt: at(0), declaredAt: at(1), acknowledgedAt: at(9) }],
      9 * MIN,
    ],
    [
      'declared by a person who saw it earlier',
      [{ detectedAt: at(-20), declaredAt: at(1), acknowledgedAt: at(1) }],
      21 * MIN,
    ],
    [
      'no detection time: from the declaration',
      [{ declaredAt: at(1), acknowledgedAt: at(4) }],
      3 * MIN,
    ],
    [
      'unacknowledged ones are left out',
      [
        { detectedAt: at(0), declaredAt: at(1), acknowledgedAt: at(5) },
        { detectedAt: at(0), declaredAt: at(2) },
      ],
      5 * MIN,
    ],
    [
      'none acknowledged: undefined, not NaN',
      [{ detectedAt: at(0), declaredAt: at(1) }],
      undefined,
    ],
  ])('MTTA, %s', (_what, timestamps, expected) => {
    const m = incidentMetrics(
      timestamps.map(t => ({ severity: 'SEV2' as const, timestamps: t })),
      period,
    );
    expect(m.mttaMs).toBe(expected);
  });
});
