/**
 * Which burn-rate windows make an SLO's alert fire, in Sloth's
 * multi-window multi-burn-rate model (the same rule the backend applies).
 */
import {
  AlertWindow,
  AlertWindows,
  burnRateFactor,
  defaultAlertWindows,
  GOOGLE_30D_ALERT_WINDOWS,
  normalizePromDuration,
} from '@vigil/backstage-plugin-slo-common';
import type { BurnRates, FiringAlert } from '../api/types';

/** Sloth's windows for the period, or Google's shares scaled to it (as the backend). */
export function alertWindowsForPeriod(period: string): AlertWindows {
  return (
    defaultAlertWindows(period) ?? {
      ...GOOGLE_30D_ALERT_WINDOWS,
      sloPeriod: normalizePromDuration(period) ?? period,
    }
  );
}

/** One (short, long) window pair of an alert and its burn-rate threshold. */
export interface AlertWindowRule {
  alert: FiringAlert;
  speed: 'quick' | 'slow';
  shortWindow: string;
  longWindow: string;
  /** Both windows must burn faster than this for the alert to fire. */
  threshold: number | undefined;
}

export function alertWindowRules(period: string): AlertWindowRule[] {
  const windows = alertWindowsForPeriod(period);
  const rules: AlertWindowRule[] = [];
  for (const alert of ['page', 'ticket'] as const) {
    for (const speed of ['quick', 'slow'] as const) {
      const window: AlertWindow = windows[alert][speed];
      rules.push({
        alert,
        speed,
        shortWindow: window.shortWindow,
        longWindow: window.longWindow,
        threshold: safeFactor(windows.sloPeriod, window),
      });
    }
  }
  return rules;
}

function safeFactor(period: string, window: AlertWindow): number | undefined {
  try {
    return burnRateFactor(period, window);
  } catch {
    // An unparseable period has no threshold; the table then shows none.
    return undefined;
  }
}

function burnsFaster(rate: number | null | undefined, threshold?: number) {
  return (
    typeof rate === 'number' && threshold !== undefined && rate > threshold
  );
}

/**
 * The windows that make `firingAlert` fire: both windows of each of its
 * pairs that burn over the threshold. If the backend's verdict came from
 * values the pairs no longer show, all of the alert's windows are returned,
 * so the firing alert is never shown without its windows.
 */
export function firingWindows(
  period: string,
  burnRates: BurnRates,
  firingAlert: FiringAlert | null,
): Set<string> {
  if (!firingAlert) return new Set();
  const rules = alertWindowRules(period).filter(r => r.alert === firingAlert);
  const burning = rules.filter(
    rule =>
      burnsFaster(burnRates[rule.shortWindow], rule.threshold) &&
      burnsFaster(burnRates[rule.longWindow], rule.threshold),
  );
  return new Set(
    (burning.length > 0 ? burning : rules).flatMap(rule => [
      rule.shortWindow,
      rule.longWindow,
    ]),
  );
}

/**
 * Every alert firing for an SLO or evaluation, page first: the backend's
 * `firingAlerts`, or, for values stored before it sent them, the most
 * severe `firingAlert` alone.
 */
export function firingAlertsOf(value: {
  firingAlert: FiringAlert | null;
  firingAlerts?: FiringAlert[];
}): FiringAlert[] {
  if (value.firingAlerts) return value.firingAlerts;
  return value.firingAlert ? [value.firingAlert] : [];
}

/**
 * Which of the firing alerts (as the backend reports them, see
 * {@link firingAlertsOf}) fire through each window. Page comes first in each
 * window's list.
 */
export function firingAlertsByWindow(
  period: string,
  burnRates: BurnRates,
  firingAlerts: readonly FiringAlert[],
): Map<string, FiringAlert[]> {
  const byWindow = new Map<string, FiringAlert[]>();
  for (const alert of (['page', 'ticket'] as const).filter(a =>
    firingAlerts.includes(a),
  )) {
    for (const window of firingWindows(period, burnRates, alert)) {
      const alerts = byWindow.get(window) ?? [];
      if (!alerts.includes(alert)) byWindow.set(window, [...alerts, alert]);
    }
  }
  return byWindow;
}
