import type { Comparison, PassCondition } from './template';

/**
 * Pass rules: a provider measures, the template's conditions judge. Pure, so
 * the backend, the export and the UI all explain a result the same way.
 */

/**
 * A value a provider measured. `null`: the provider could not measure it.
 * @public
 */
export type MeasuredValue = number | boolean | string | null;

/**
 * One condition as judged against what was measured.
 * @public
 */
export interface ConditionOutcome {
  measure: string;
  op: Comparison;
  target: number | boolean | string;
  actual: MeasuredValue;
  /** null: the measure is missing or null, so it could not be judged. */
  passed: boolean | null;
  stretch?: number;
  /** Whether the stretch target is met too; absent without one. */
  stretchMet?: boolean | null;
}

/**
 * A pass rule's verdict: `unknown` when any condition could not be judged
 * and none failed (a failure is a failure even when another value is
 * missing).
 * @public
 */
export interface PassRuleVerdict {
  status: 'pass' | 'fail' | 'unknown';
  outcomes: ConditionOutcome[];
}

/** @public */
export function compare(
  actual: number | boolean | string,
  op: Comparison,
  target: number | boolean | string,
): boolean {
  if (op === '==') return actual === target;
  if (op === '!=') return actual !== target;
  if (typeof actual !== 'number' || typeof target !== 'number') return false;
  switch (op) {
    case '<=':
      return actual <= target;
    case '<':
      return actual < target;
    case '>=':
      return actual >= target;
    case '>':
      return actual > target;
    default:
      return false;
  }
}

/** @public */
export function judgeCondition(
  condition: PassCondition,
  measurements: Record<string, MeasuredValue>,
): ConditionOutcome {
  const actual = Object.prototype.hasOwnProperty.call(
    measurements,
    condition.measure,
  )
    ? measurements[condition.measure]
    : null;
  const base = {
    measure: condition.measure,
    op: condition.op,
    target: condition.target,
    actual: actual ?? null,
    ...(condition.stretch !== undefined ? { stretch: condition.stretch } : {}),
  };
  if (actual === null || actual === undefined) {
    return {
      ...base,
      passed: null,
      ...(condition.stretch !== undefined ? { stretchMet: null } : {}),
    };
  }
  return {
    ...base,
    passed: compare(actual, condition.op, condition.target),
    ...(condition.stretch !== undefined
      ? { stretchMet: compare(actual, condition.op, condition.stretch) }
      : {}),
  };
}

/** @public */
export function evaluatePassRule(
  conditions: PassCondition[],
  measurements: Record<string, MeasuredValue>,
): PassRuleVerdict {
  const outcomes = conditions.map(c => judgeCondition(c, measurements));
  if (outcomes.some(o => o.passed === false)) {
    return { status: 'fail', outcomes };
  }
  if (outcomes.some(o => o.passed === null)) {
    return { status: 'unknown', outcomes };
  }
  return { status: 'pass', outcomes };
}

/**
 * A condition in words, e.g. `p95Ms 612 <= 800 (stretch 600: missed)`.
 * @public
 */
export function describeCondition(outcome: ConditionOutcome): string {
  const actual = outcome.actual === null ? 'unknown' : String(outcome.actual);
  let stretch = '';
  if (outcome.stretch !== undefined) {
    let met = 'unknown';
    if (outcome.stretchMet === true) met = 'met';
    if (outcome.stretchMet === false) met = 'missed';
    stretch = ` (stretch ${outcome.stretch}: ${met})`;
  }
  return `${outcome.measure} ${actual} ${outcome.op} ${String(
    outcome.target,
  )}${stretch}`;
}
