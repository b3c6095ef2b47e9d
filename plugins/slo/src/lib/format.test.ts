import { DateTime } from 'luxon';
import { firingAlertsByWindow, firingAlertsOf, firingWindows } from './alerts';
import { isSloAvailable } from './annotations';
import {
  formatAttainment,
  formatBudget,
  formatBurnRate,
  formatEvaluationAge,
  formatObjective,
  NO_DATA,
} from './format';

describe('format', () => {
  it('shows no data as text, never NaN', () => {
    for (const value of [null, undefined, NaN, Infinity]) {
      expect(formatAttainment(value)).toBe(NO_DATA);
      expect(formatBudget(value)).toBe(NO_DATA);
      expect(formatBurnRate(value)).toBe(NO_DATA);
    }
    expect(formatObjective(NaN)).toBe(NO_DATA);
    expect(formatEvaluationAge(null)).toBe('never evaluated');
  });

  it('formats numbers', () => {
    expect(formatObjective(99.9)).toBe('99.9%');
    expect(formatAttainment(0.00042)).toBe('99.958%');
    expect(formatAttainment(0)).toBe('100%');
    expect(formatBudget(0.58)).toBe('58.0%');
    expect(formatBudget(-0.25)).toBe('-25.0%');
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(0)).toBe('0×');
    const now = DateTime.fromISO('2025-01-01T12:05:00Z');
    expect(formatEvaluationAge('2025-01-01T12:00:00Z', now)).toBe(
      '5 minutes ago',
    );
  });

  it("says just now when the server's clock is ahead of the browser's", () => {
    const now = DateTime.fromISO('2025-01-01T12:05:00Z');
    expect(formatEvaluationAge('2025-01-01T12:05:03Z', now)).toBe('just now');
  });
});

describe('firingWindows', () => {
  it('returns the pair of windows that burn over the page threshold', () => {
    // Page quick pair (5m, 1h) over 14.4; slow pair (30m, 6h) under 6.
    const rates = { '5m': 20, '1h': 15, '30m': 9, '6h': 3 };
    expect([...firingWindows('30d', rates, 'page')].sort()).toEqual([
      '1h',
      '5m',
    ]);
    expect(firingWindows('30d', rates, null).size).toBe(0);
  });

  it("falls back to all of the alert's windows", () => {
    expect([...firingWindows('30d', {}, 'ticket')].sort()).toEqual([
      '1d',
      '2h',
      '3d',
      '6h',
    ]);
  });
});

describe('firingAlertsOf', () => {
  it.each([
    [
      'every firing alert the backend reports',
      'page',
      ['page', 'ticket'],
      ['page', 'ticket'],
    ],
    ['the ticket alert alone', 'ticket', ['ticket'], ['ticket']],
    ['nothing when nothing fires', null, [], []],
    [
      'the most severe alert of values stored before firingAlerts',
      'page',
      undefined,
      ['page'],
    ],
    [
      'nothing of values stored before firingAlerts without an alert',
      null,
      undefined,
      [],
    ],
  ] as const)('returns %s', (_name, firingAlert, firingAlerts, expected) => {
    expect(
      firingAlertsOf({
        firingAlert,
        ...(firingAlerts && { firingAlerts: [...firingAlerts] }),
      }),
    ).toEqual(expected);
  });
});

describe('firingAlertsByWindow', () => {
  const quiet = {
    '5m': 0,
    '30m': 0,
    '1h': 0,
    '2h': 0,
    '6h': 0,
    '1d': 0,
    '3d': 0,
  };
  const entries = (map: Map<string, string[]>) =>
    Object.fromEntries([...map.entries()].sort());

  it.each([
    ['nothing without an alert', { ...quiet, '2h': 9, '1d': 9 }, [], {}],
    [
      'the ticket pair',
      { ...quiet, '2h': 4, '1d': 4 },
      ['ticket'],
      { '1d': ['ticket'], '2h': ['ticket'] },
    ],
    [
      'the ticket pair beside the page pair when both fire',
      { ...quiet, '5m': 20, '1h': 15, '2h': 4, '1d': 4 },
      ['page', 'ticket'],
      { '1h': ['page'], '5m': ['page'], '1d': ['ticket'], '2h': ['ticket'] },
    ],
    [
      'both alerts on a shared window, page first',
      { ...quiet, '30m': 7, '6h': 7, '3d': 2 },
      ['ticket', 'page'],
      { '30m': ['page'], '6h': ['page', 'ticket'], '3d': ['ticket'] },
    ],
    [
      'no ticket alert the backend does not report',
      { ...quiet, '5m': 20, '1h': 15, '2h': 4, '1d': 4 },
      ['page'],
      { '1h': ['page'], '5m': ['page'] },
    ],
  ] as const)('marks %s', (_name, rates, alerts, expected) => {
    expect(entries(firingAlertsByWindow('30d', rates, alerts))).toEqual(
      expected,
    );
  });
});

describe('isSloAvailable', () => {
  const entity = (annotations: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  });
  it('needs one of the SLO annotations', () => {
    expect(isSloAvailable(entity({ 'vigil.dev/slo-spec': './slo.yaml' }))).toBe(
      true,
    );
    expect(
      isSloAvailable(entity({ 'vigil.dev/slo-spec-inline': 'version: x' })),
    ).toBe(true);
    expect(isSloAvailable(entity({}))).toBe(false);
  });
});
