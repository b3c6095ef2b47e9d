/**
 * Error budget and burn-rate arithmetic. Every function returns `undefined`
 * instead of NaN or Infinity, so "no data" (e.g. no traffic: 0/0) stays
 * distinguishable from a real value and never leaks into a UI as "NaN%".
 */

function isFiniteNumber(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isValidObjective(objectivePercent: number): boolean {
  return (
    isFiniteNumber(objectivePercent) &&
    objectivePercent > 0 &&
    objectivePercent <= 100
  );
}

/**
 * Share of events that failed: bad / total. `undefined` when there was no
 * traffic (total 0) or the counts are not usable numbers.
 */
export function errorRatio(
  badEvents: number | undefined,
  totalEvents: number | undefined,
): number | undefined {
  if (!isFiniteNumber(badEvents) || !isFiniteNumber(totalEvents)) {
    return undefined;
  }
  if (totalEvents <= 0 || badEvents < 0 || badEvents > totalEvents) {
    return undefined;
  }
  return badEvents / totalEvents;
}

/**
 * The error budget as a ratio of events: 99.9 -> 0.001 (computed as Sloth
 * does, `(100 - objective) / 100`, so it equals the value in its rules).
 * `undefined` if the objective is not in (0, 100].
 */
export function errorBudget(objectivePercent: number): number | undefined {
  if (!isValidObjective(objectivePercent)) return undefined;
  return (100 - objectivePercent) / 100;
}

/**
 * How fast the budget burns: 1 means it would last exactly the SLO period,
 * 14.4 means a 30-day budget would be gone in 50 hours.
 * `undefined` for no data, an invalid ratio or objective, and for any error
 * under a 100% objective (whose budget is zero, so the rate is unbounded);
 * zero errors always burn at 0.
 */
export function burnRate(
  errorRatioValue: number | undefined,
  objectivePercent: number,
): number | undefined {
  const budget = errorBudget(objectivePercent);
  if (budget === undefined || !isFiniteNumber(errorRatioValue)) {
    return undefined;
  }
  if (errorRatioValue < 0 || errorRatioValue > 1) return undefined;
  if (errorRatioValue === 0) return 0;
  if (budget === 0) return undefined;
  return errorRatioValue / budget;
}

/**
 * Share of the period's error budget still left: 1 untouched, 0 spent,
 * negative when overspent (as Sloth's `slo:period_error_budget_remaining:ratio`).
 * `undefined` whenever the period burn rate is.
 */
export function budgetRemaining(
  errorRatioOverPeriod: number | undefined,
  objectivePercent: number,
): number | undefined {
  const rate = burnRate(errorRatioOverPeriod, objectivePercent);
  return rate === undefined ? undefined : 1 - rate;
}
