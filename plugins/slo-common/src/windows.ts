/**
 * Multi-window multi-burn-rate alert windows, in Sloth's model: for an SLO
 * period, the page and ticket alerts each have a quick and a slow pair of
 * (short, long) windows and the share of the error budget that, spent within
 * the long window, should fire the alert.
 */
import { parseDocument } from 'yaml';
import {
  durationHours,
  normalizePromDuration,
  parsePromDuration,
} from './durations';
import { slothAlertWindowsSchema } from './schemas';
import { parseLenient } from './zodHelpers';

export interface AlertWindow {
  /** % of the period's error budget that fires the alert if spent in `longWindow`. */
  errorBudgetPercent: number;
  /** Normalised Prometheus duration, e.g. "5m". */
  shortWindow: string;
  longWindow: string;
}

export interface AlertWindows {
  /** Normalised Prometheus duration, e.g. "30d" or "4w" (28 days). */
  sloPeriod: string;
  page: { quick: AlertWindow; slow: AlertWindow };
  ticket: { quick: AlertWindow; slow: AlertWindow };
}

/**
 * Sloth's built-in 30-day windows (its windows/google-30d.yaml), from the
 * Google SRE workbook: page at 2% of the budget in 1h or 5% in 6h, ticket at
 * 10% in 1d or 10% in 3d.
 */
export const GOOGLE_30D_ALERT_WINDOWS: AlertWindows = {
  sloPeriod: '30d',
  page: {
    quick: { errorBudgetPercent: 2, shortWindow: '5m', longWindow: '1h' },
    slow: { errorBudgetPercent: 5, shortWindow: '30m', longWindow: '6h' },
  },
  ticket: {
    quick: { errorBudgetPercent: 10, shortWindow: '2h', longWindow: '1d' },
    slow: { errorBudgetPercent: 10, shortWindow: '6h', longWindow: '3d' },
  },
};

/** Sloth's built-in 28-day windows (windows/google-28d.yaml): same shares. */
export const GOOGLE_28D_ALERT_WINDOWS: AlertWindows = {
  ...GOOGLE_30D_ALERT_WINDOWS,
  sloPeriod: '4w',
};

/** The windows used when no custom ones are given, by SLO period. */
export const DEFAULT_ALERT_WINDOWS: readonly AlertWindows[] = [
  GOOGLE_30D_ALERT_WINDOWS,
  GOOGLE_28D_ALERT_WINDOWS,
];

/** The built-in windows for an SLO period such as "30d" or "28d", if any. */
export function defaultAlertWindows(period: string): AlertWindows | undefined {
  const periodMs = parsePromDuration(period);
  return DEFAULT_ALERT_WINDOWS.find(
    windows => parsePromDuration(windows.sloPeriod) === periodMs,
  );
}

/**
 * The burn-rate factor of a window: how many times faster than "exactly the
 * whole budget in the whole period" the budget must burn to spend
 * `errorBudgetPercent` of it within `longWindow` (2% in 1h of 30d -> 14.4).
 * Computed in Sloth's order of operations so the floats are identical.
 */
export function burnRateFactor(sloPeriod: string, window: AlertWindow): number {
  const periodMs = parsePromDuration(sloPeriod);
  const longMs = parsePromDuration(window.longWindow);
  if (periodMs === undefined || longMs === undefined || longMs === 0) {
    throw new Error(
      `cannot compute a burn rate for period ${sloPeriod} and window ${window.longWindow}`,
    );
  }
  const hoursToSpend =
    (window.errorBudgetPercent * durationHours(periodMs)) / 100;
  return hoursToSpend / durationHours(longMs);
}

/** A windows file that cannot be used; the message says where and why. */
export class AlertWindowsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertWindowsError';
  }
}

const WINDOW_FIELDS = [
  ['page', 'quick'],
  ['page', 'slow'],
  ['ticket', 'quick'],
  ['ticket', 'slow'],
] as const;

/**
 * Problems of a windows value (e.g. one built by hand): durations that are
 * not non-zero Prometheus durations, budget shares outside (0, 100].
 */
export function findAlertWindowsProblems(windows: AlertWindows): string[] {
  const problems: string[] = [];
  const checkDuration = (field: string, text: string) => {
    if (!parsePromDuration(text)) {
      problems.push(
        `${field} ${JSON.stringify(
          text,
        )} is not a non-zero Prometheus duration`,
      );
    }
  };
  checkDuration('spec.sloPeriod', windows.sloPeriod);
  for (const [severity, speed] of WINDOW_FIELDS) {
    const field = `spec.${severity}.${speed}`;
    const window = windows[severity][speed];
    if (!(window.errorBudgetPercent > 0 && window.errorBudgetPercent <= 100)) {
      problems.push(
        `${field}.errorBudgetPercent must be > 0 and <= 100 (got ${window.errorBudgetPercent})`,
      );
    }
    checkDuration(`${field}.shortWindow`, window.shortWindow);
    checkDuration(`${field}.longWindow`, window.longWindow);
  }
  return problems;
}

/**
 * Parses a Sloth alert windows file (`apiVersion: sloth.slok.dev/v1`,
 * `kind: AlertWindows`), normalising the durations ("24h" -> "1d").
 * Throws {@link AlertWindowsError} naming `source` and every problem.
 */
export function parseAlertWindows(
  yamlText: string,
  options: { source?: string } = {},
): AlertWindows {
  const source = options.source ?? 'alert windows';
  const fail = (problems: string[]): never => {
    throw new AlertWindowsError(`${source}: ${problems.join('; ')}`);
  };

  const document = parseDocument(yamlText);
  if (document.errors.length > 0) {
    fail(document.errors.map(error => `invalid YAML: ${error.message}`));
  }
  const parsed = parseLenient(slothAlertWindowsSchema, document.toJS());
  if (!parsed.data) return fail(parsed.problems);

  const { spec } = parsed.data;
  // Invalid durations are kept as written so the problems can quote them.
  const normalize = (text: string) => normalizePromDuration(text) ?? text;
  const window = (raw: AlertWindow): AlertWindow => ({
    errorBudgetPercent: raw.errorBudgetPercent,
    shortWindow: normalize(raw.shortWindow),
    longWindow: normalize(raw.longWindow),
  });
  const windows: AlertWindows = {
    sloPeriod: normalize(spec.sloPeriod),
    page: { quick: window(spec.page.quick), slow: window(spec.page.slow) },
    ticket: {
      quick: window(spec.ticket.quick),
      slow: window(spec.ticket.slow),
    },
  };
  const problems = findAlertWindowsProblems(windows);
  if (parsed.unknownFields.length > 0) {
    problems.push(`unknown fields: ${parsed.unknownFields.join(', ')}`);
  }
  if (problems.length > 0) fail(problems);
  return windows;
}
