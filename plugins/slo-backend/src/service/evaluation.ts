/**
 * Pure evaluation logic: which PromQL to send per window, and how the error
 * ratios Prometheus returns become burn rates, budget, alerts and a status.
 */
import {
  AlertWindow,
  AlertWindows,
  budgetRemaining,
  burnRate,
  burnRateFactor,
  defaultAlertWindows,
  formatPromDuration,
  generateRules,
  GOOGLE_30D_ALERT_WINDOWS,
  normalizePromDuration,
  parsePromDuration,
  ServiceLevelSpec,
} from '@vigil/backstage-plugin-slo-common';
import type { VectorSample } from './PrometheusClient';
import {
  BURN_RATE_WINDOWS,
  BurnRates,
  FiringAlert,
  SloDefinition,
  SloEvaluation,
  SloStatusValue,
} from './types';

/** The label that tags each SLO's series in a batched query. */
export const SLO_ID_LABEL = 'vigil_slo_id';

/**
 * The SLI (error ratio) expression of `spec` for each window, taken from the
 * recording rules slo-common generates, so the evaluator queries what
 * Sloth's `slo:sli_error:ratio_rate<window>` rules record, with one
 * difference: an absent error series next to a present total is zero errors
 * (`absentErrorsAsZero`), because an error counter such as
 * `http_requests_total{code=~"5.."}` only exists after the first error and a
 * healthy service must not read as "no data". Only an absent total is.
 * The generator records each alert window and averages the period from the
 * 5m recording; these are the fallback for what the recordings do not
 * answer (rules not loaded, no error series yet), so every window (the
 * period too) must be a direct query: the windows are passed to the
 * generator as alert windows of a longer, unused period.
 */
export function sliExpressions(
  spec: ServiceLevelSpec,
  windows: readonly string[],
): Map<string, string> {
  const normalized = [
    ...new Set(windows.map(w => normalizePromDuration(w) ?? w)),
  ];
  const totalMs = normalized.reduce(
    (sum, w) => sum + (parsePromDuration(w) ?? 0),
    0,
  );
  // Longer than every window, so the generator records all of them.
  const unusedPeriod = formatPromDuration(totalMs + 86_400_000);
  const expressions = new Map<string, string>();
  // Each generator call records up to 8 windows (4 alert windows x 2).
  for (let i = 0; i < normalized.length; i += 8) {
    const chunk = normalized.slice(i, i + 8);
    const slot = (index: number) => chunk[index] ?? chunk[0];
    const window = (index: number): AlertWindow => ({
      errorBudgetPercent: 100,
      shortWindow: slot(index),
      longWindow: slot(index + 1),
    });
    const alertWindows: AlertWindows = {
      sloPeriod: unusedPeriod,
      page: { quick: window(0), slow: window(2) },
      ticket: { quick: window(4), slow: window(6) },
    };
    // The spec's plugin chain decides which rules Sloth writes, not what
    // the SLI is: every window is needed whatever it says.
    const groups = generateRules(
      [{ ...spec, timeWindow: undefined, ruleSteps: undefined }],
      {
        period: unusedPeriod,
        windows: alertWindows,
        disableAlerts: true,
        absentErrorsAsZero: true,
      },
    );
    for (const rule of groups.flatMap(group => group.rules)) {
      const match = rule.record?.match(/^slo:sli_error:ratio_rate(.+)$/);
      if (match && chunk.includes(match[1])) {
        expressions.set(match[1], rule.expr.trim());
      }
    }
  }
  return expressions;
}

/** The labels that tell one SLO's Sloth recordings from another's. */
const SLOTH_ID_LABELS = ['sloth_id', 'sloth_service', 'sloth_slo'] as const;

/**
 * The instant selector of Sloth's recorded error ratio for `window`, every
 * SLO at once: `slo:sli_error:ratio_rate<window>`, as slo-common's
 * `generateRules` (and Sloth) name it.
 */
export function recordedRatioSelector(window: string): string {
  return `slo:sli_error:ratio_rate${window}{sloth_id!=""}`;
}

function slothKey(labels: Readonly<Record<string, string | undefined>>) {
  const values = SLOTH_ID_LABELS.map(name => labels[name]);
  return values.some(value => value === undefined)
    ? undefined
    : JSON.stringify(values);
}

/**
 * Which SLO each recorded series belongs to, by the labels the generator
 * puts on it (`sloth_id` = spec id, `sloth_service`, `sloth_slo`; a spec's
 * own labels win over them, as in `generateRules`). Two definitions with the
 * same labels (e.g. two entities declaring the same service and SLO name)
 * cannot tell their recordings apart: both are left out and evaluated from
 * their raw SLIs.
 */
export function recordingTargets(definitions: readonly SloDefinition[]): {
  sloIdByKey: Map<string, string>;
  ambiguous: string[];
} {
  const byKey = new Map<string, string[]>();
  for (const { sloId, spec } of definitions) {
    const key = slothKey({
      sloth_id: spec.id,
      sloth_service: spec.service,
      sloth_slo: spec.name,
      ...spec.labels,
    })!;
    byKey.set(key, [...(byKey.get(key) ?? []), sloId]);
  }
  const sloIdByKey = new Map<string, string>();
  const ambiguous: string[] = [];
  for (const [key, sloIds] of byKey) {
    if (sloIds.length === 1) sloIdByKey.set(key, sloIds[0]);
    else ambiguous.push(...sloIds);
  }
  return { sloIdByKey, ambiguous };
}

/**
 * The recorded error ratio of each SLO in one window's samples. Several
 * series of one SLO (rules loaded twice, or a query keeping labels) give
 * their highest value, as `max by` does for raw queries. A non-finite value
 * is left out, so the raw query decides: Sloth's period ratio averages the
 * 5m recordings, and one NaN (5 minutes without traffic) makes it NaN for a
 * whole period, where the raw ratio over the period is still known.
 */
export function recordedRatios(
  samples: readonly VectorSample[],
  sloIdByKey: ReadonlyMap<string, string>,
): Map<string, number> {
  const ratios = new Map<string, number>();
  for (const { labels, value } of samples) {
    const key = slothKey(labels);
    const sloId = key === undefined ? undefined : sloIdByKey.get(key);
    if (sloId === undefined || !Number.isFinite(value)) continue;
    ratios.set(sloId, Math.max(value, ratios.get(sloId) ?? -Infinity));
  }
  return ratios;
}

/** One SLO's part of a batched query: its expression tagged with its id. */
export function taggedExpression(sloId: string, expression: string): string {
  // max by: one series per SLO even if the spec's query keeps labels;
  // Prometheus' max ignores NaN (0/0) unless every series is NaN.
  return `max by (${SLO_ID_LABEL}) (label_replace(${expression}, ${JSON.stringify(
    SLO_ID_LABEL,
  )}, ${JSON.stringify(sloId)}, "", ""))`;
}

export interface BatchPart {
  sloId: string;
  query: string;
}

/**
 * Joins tagged expressions with `or` into as few queries as fit in
 * `maxLength` characters (a part longer than that gets a query of its own).
 */
export function batchQueries(
  parts: readonly BatchPart[],
  maxLength: number,
): BatchPart[][] {
  const batches: BatchPart[][] = [];
  let current: BatchPart[] = [];
  let length = 0;
  for (const part of parts) {
    const added = part.query.length + (current.length > 0 ? 4 : 0);
    if (current.length > 0 && length + added > maxLength) {
      batches.push(current);
      current = [];
      length = 0;
    }
    length += current.length > 0 ? part.query.length + 4 : part.query.length;
    current.push(part);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function joinBatch(batch: readonly BatchPart[]): string {
  return batch.map(part => part.query).join(' or ');
}

/**
 * An error ratio as Prometheus returned it: NaN (0/0, no traffic), missing
 * or non-finite values are no data. Counter extrapolation can push a ratio
 * built by subtraction slightly below 0, which means no errors.
 */
export function usableRatio(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  if (value < 0) return 0;
  if (value > 1) return undefined;
  return value;
}

/** The alert windows for a period: Sloth's, or Google's shares scaled to it. */
export function alertWindowsFor(period: string): AlertWindows {
  return (
    defaultAlertWindows(period) ?? {
      ...GOOGLE_30D_ALERT_WINDOWS,
      sloPeriod: normalizePromDuration(period) ?? period,
    }
  );
}

/**
 * Sloth's alert condition for one window pair, with the rule's own
 * arithmetic: `ratio > (factor * errorBudgetRatio)` in both windows. The
 * rule prints both numbers as Go's shortest round-trip floats, which
 * Prometheus reads back as these very float64s, so the portal pages exactly
 * when Prometheus' page alert fires on the same ratios.
 */
function pairBurning(
  window: AlertWindow,
  period: string,
  objectivePercent: number,
  ratios: ReadonlyMap<string, number | undefined>,
): boolean {
  const threshold =
    burnRateFactor(period, window) * ((100 - objectivePercent) / 100);
  const short = usableRatio(ratios.get(window.shortWindow));
  const long = usableRatio(ratios.get(window.longWindow));
  // Both windows must burn: the long one proves the burn is significant,
  // the short one that it is still going on (as Sloth's alert rules).
  return (
    short !== undefined &&
    long !== undefined &&
    short > threshold &&
    long > threshold
  );
}

/** Every enabled alert of the SLO its rules would fire now, page first. */
export function firingAlerts(
  definition: SloDefinition,
  ratios: ReadonlyMap<string, number | undefined>,
): FiringAlert[] {
  const windows = alertWindowsFor(definition.period);
  const { page, ticket } = definition.spec.alerting;
  const fires = (pair: { quick: AlertWindow; slow: AlertWindow }) =>
    pairBurning(
      pair.quick,
      windows.sloPeriod,
      definition.objectivePercent,
      ratios,
    ) ||
    pairBurning(
      pair.slow,
      windows.sloPeriod,
      definition.objectivePercent,
      ratios,
    );
  const firing: FiringAlert[] = [];
  if (!page.disabled && fires(windows.page)) firing.push('page');
  if (!ticket.disabled && fires(windows.ticket)) firing.push('ticket');
  return firing;
}

export interface StatusThresholds {
  /** Budget remaining below this share is a warning (default 0.25). */
  warningBudgetRemaining: number;
}

export function statusOf(
  budget: number | undefined,
  alert: FiringAlert | null,
  thresholds: StatusThresholds,
): SloStatusValue {
  if (budget === undefined) return 'no-data';
  if (budget <= 0 || alert === 'page') return 'breaching';
  if (alert === 'ticket' || budget < thresholds.warningBudgetRemaining) {
    return 'warning';
  }
  return 'ok';
}

/**
 * Turns the error ratios of one SLO (by normalised window; a missing entry
 * is no data) into an evaluation. Never produces NaN or Infinity.
 */
export function evaluateSlo(
  definition: SloDefinition,
  ratios: ReadonlyMap<string, number | undefined>,
  evaluatedAt: number,
  thresholds: StatusThresholds,
): SloEvaluation {
  const { objectivePercent } = definition;
  const period = normalizePromDuration(definition.period) ?? definition.period;
  const sli = usableRatio(ratios.get(period));
  const budget = budgetRemaining(sli, objectivePercent);
  const burnRates: BurnRates = {};
  for (const window of BURN_RATE_WINDOWS) {
    burnRates[window] =
      burnRate(usableRatio(ratios.get(window)), objectivePercent) ?? null;
  }
  const alerts = firingAlerts(definition, ratios);
  const alert = alerts[0] ?? null;
  return {
    sloId: definition.sloId,
    entityRef: definition.entityRef,
    evaluatedAt,
    sli: sli ?? null,
    budgetRemaining: budget ?? null,
    burnRates,
    firingAlert: alert,
    firingAlerts: alerts,
    status: statusOf(budget, alert, thresholds),
  };
}

/** Every window an SLO needs: the burn-rate windows and its period. */
export function windowsFor(definition: SloDefinition): string[] {
  const period = normalizePromDuration(definition.period) ?? definition.period;
  return [...BURN_RATE_WINDOWS, period];
}
