import {
  Axis,
  budgetAxis,
  niceTicks,
  percentLabels,
  tickLabelExtent,
  timeAxis,
} from './chartScale';

/** The y axis as the chart lays it out: 132 px tall, top at 10. */
const Y_RANGE = { start: 142, end: 10 };
const Y_GAP = 16;

function expectReadableYAxis(axis: Axis) {
  const labels = axis.ticks.map(t => t.label);
  expect(new Set(labels).size).toBe(labels.length);
  expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
  expect(axis.ticks.length).toBeLessThanOrEqual(6);
  const positions = axis.ticks.map(t => t.position).sort((a, b) => a - b);
  for (let i = 1; i < positions.length; i++) {
    expect(positions[i] - positions[i - 1]).toBeGreaterThanOrEqual(Y_GAP);
  }
  for (const position of positions) {
    expect(position).toBeGreaterThanOrEqual(Y_RANGE.end - 1e-9);
    expect(position).toBeLessThanOrEqual(Y_RANGE.start + 1e-9);
  }
  // 0% (budget spent) is always a tick, drawn where 0 is.
  const zero = axis.ticks.find(t => t.value === 0);
  expect(zero?.label).toBe('0%');
  expect(zero?.position).toBeCloseTo(axis.scale(0));
}

describe('budgetAxis', () => {
  it.each([
    {
      name: 'a healthy budget',
      budgets: [0.9, 0.75, 0.58],
      domain: [0, 1],
      labels: ['0%', '20%', '40%', '60%', '80%', '100%'],
    },
    {
      name: 'the reported −23,496% budget',
      budgets: [0.3, -50, -234.96],
      domain: [-234.96, 1],
      labels: ['-20,000%', '-15,000%', '-10,000%', '-5,000%', '0%'],
    },
    {
      name: 'a slightly overspent budget',
      budgets: [0.1, -0.05, -0.2],
      domain: [-0.2, 1],
      // 20% steps would need 7 ticks; 25% steps need 5.
      labels: ['0%', '25%', '50%', '75%', '100%'],
    },
    {
      name: 'one evaluation',
      budgets: [0.42],
      domain: [0, 1],
      labels: ['0%', '20%', '40%', '60%', '80%', '100%'],
    },
    {
      name: 'a budget overspent a million times',
      budgets: [-1e6, 1],
      domain: [-1e6, 1],
      labels: [
        '-100,000,000%',
        '-80,000,000%',
        '-60,000,000%',
        '-40,000,000%',
        '-20,000,000%',
        '0%',
      ],
    },
    {
      name: 'no finite budget',
      budgets: [NaN, Infinity],
      domain: [0, 1],
      labels: ['0%', '20%', '40%', '60%', '80%', '100%'],
    },
  ])('keeps $name readable', ({ budgets, domain, labels }) => {
    const axis = budgetAxis(budgets, Y_RANGE, { minGapPx: Y_GAP });
    expect(axis.domain).toEqual(domain);
    expectReadableYAxis(axis);
    expect(axis.ticks.map(t => t.label)).toEqual(labels);
    // The data is inside the plot.
    for (const budget of budgets.filter(Number.isFinite)) {
      expect(axis.scale(budget)).toBeGreaterThanOrEqual(Y_RANGE.end - 1e-9);
      expect(axis.scale(budget)).toBeLessThanOrEqual(Y_RANGE.start + 1e-9);
    }
  });

  it('draws an overspent budget below the 0% line, and 100% at the top', () => {
    const axis = budgetAxis([0.1, -0.2], Y_RANGE, { minGapPx: Y_GAP });
    expect(axis.scale(-0.2)).toBe(Y_RANGE.start);
    expect(axis.scale(1)).toBe(Y_RANGE.end);
    expect(axis.scale(0)).toBeLessThan(Y_RANGE.start);
  });

  it('never prints the top and 0% labels on top of each other', () => {
    // The bug: one dot at the bottom, "100.0%" and "0%" at the same height.
    const axis = budgetAxis([-234.96], Y_RANGE, { minGapPx: Y_GAP });
    const zero = axis.ticks.find(t => t.value === 0)!;
    for (const tick of axis.ticks.filter(t => t !== zero)) {
      expect(Math.abs(tick.position - zero.position)).toBeGreaterThanOrEqual(
        Y_GAP,
      );
    }
  });
});

describe('niceTicks', () => {
  it.each([
    [0, 1, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 1, 3, [0, 0.5, 1]],
    [-234.96, 1, 6, [-200, -150, -100, -50, 0]],
    [-0.2, 1, 6, [0, 0.25, 0.5, 0.75, 1]],
    [-3, 7, 6, [-2, 0, 2, 4, 6]],
  ])('ticks of [%p, %p] (at most %p)', (min, max, maxTicks, expected) => {
    expect(
      niceTicks(min, max, { maxTicks, minGapPx: 0, lengthPx: 100 }),
    ).toEqual(expected);
  });

  it('spaces ticks at least minGapPx apart', () => {
    const ticks = niceTicks(0, 1, {
      maxTicks: 10,
      minGapPx: 30,
      lengthPx: 100,
    });
    expect(ticks).toEqual([0, 0.5, 1]);
  });
});

describe('percentLabels', () => {
  it('uses the fewest decimals that keep labels distinct', () => {
    expect(percentLabels([0, 0.5, 1])).toEqual(['0%', '50%', '100%']);
    expect(percentLabels([0, 0.025, 0.05])).toEqual(['0.0%', '2.5%', '5.0%']);
    expect(percentLabels([-0, -250])).toEqual(['0%', '-25,000%']);
    expect(percentLabels([0.1 + 0.2])).toEqual(['30%']);
  });
});

/** The x axis as the chart lays it out. */
const X_RANGE = { start: 60, end: 588 };
const X_BOUNDS = { min: 2, max: 598 };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-03-10T10:02:13Z');

function expectReadableXAxis(axis: Axis, bounds = X_BOUNDS) {
  expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
  const extents = axis.ticks.map(t => tickLabelExtent(t));
  for (let i = 0; i < extents.length; i++) {
    expect(extents[i][0]).toBeGreaterThanOrEqual(bounds.min);
    expect(extents[i][1]).toBeLessThanOrEqual(bounds.max);
    if (i > 0) expect(extents[i][0]).toBeGreaterThan(extents[i - 1][1]);
  }
  for (const tick of axis.ticks) {
    expect(tick.position).toBeGreaterThanOrEqual(X_RANGE.start);
    expect(tick.position).toBeLessThanOrEqual(X_RANGE.end);
  }
}

describe('timeAxis', () => {
  it.each([
    {
      name: 'one evaluation',
      times: [T0],
      domain: [T0 - MINUTE, T0 + MINUTE],
      labels: /^\d\d:\d\d:\d\d$/,
    },
    {
      name: 'three minutes at one a minute',
      times: [T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE],
      domain: [T0, T0 + 3 * MINUTE],
      labels: /^\d\d:\d\d(:\d\d)?$/,
    },
    {
      name: 'forty minutes',
      times: [T0, T0 + 40 * MINUTE],
      domain: [T0, T0 + 40 * MINUTE],
      labels: /^10:(05|1\d|2\d|3\d|40)$/,
    },
    {
      name: 'six hours',
      times: [T0, T0 + 6 * HOUR],
      domain: [T0, T0 + 6 * HOUR],
      labels: /^\d\d:00$/,
    },
    {
      name: 'two days',
      times: [T0, T0 + 2 * DAY],
      domain: [T0, T0 + 2 * DAY],
      labels: /^Mar 1[0-2]( \d\d:00)?$/,
    },
    {
      name: 'a 30-day period',
      times: [T0 - 30 * DAY, T0],
      domain: [T0 - 30 * DAY, T0],
      labels: /^(Feb|Mar) \d\d?$/,
    },
  ])('spans $name and labels it for the span', ({ times, domain, labels }) => {
    const axis = timeAxis(times, X_RANGE, { bounds: X_BOUNDS, zone: 'UTC' });
    expect(axis.domain).toEqual(domain);
    expectReadableXAxis(axis);
    for (const tick of axis.ticks) expect(tick.label).toMatch(labels);
    // The data fills the width: first and last points at the plot's edges
    // (a lone point in the middle).
    const edges =
      times.length > 1
        ? [X_RANGE.start, X_RANGE.end]
        : [
            (X_RANGE.start + X_RANGE.end) / 2,
            (X_RANGE.start + X_RANGE.end) / 2,
          ];
    expect([axis.scale(times[0]), axis.scale(times[times.length - 1])]).toEqual(
      edges,
    );
  });

  it('puts ticks on whole times', () => {
    const axis = timeAxis([T0, T0 + 40 * MINUTE], X_RANGE, {
      bounds: X_BOUNDS,
      zone: 'UTC',
    });
    expect(axis.ticks.map(t => t.label)).toEqual([
      '10:05',
      '10:10',
      '10:15',
      '10:20',
      '10:25',
      '10:30',
      '10:35',
      '10:40',
    ]);
  });

  it('keeps labels inside the chart when a tick is at its edge', () => {
    const start = Date.parse('2025-03-10T10:00:00Z');
    const axis = timeAxis([start, start + 10 * MINUTE], X_RANGE, {
      bounds: { min: 0, max: 600 },
      zone: 'UTC',
    });
    const first = axis.ticks[0];
    expect(first.position).toBe(X_RANGE.start);
    expectReadableXAxis(axis, { min: 0, max: 600 });
  });
});
