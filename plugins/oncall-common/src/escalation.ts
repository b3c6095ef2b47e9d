import { EscalationStep } from './model';

const MINUTE = 60_000;

/** When one step of one pass through an escalation policy is due. */
export interface EscalationTime {
  /** Which pass through the steps (0 = the first; the policy runs `repeat` passes). */
  repeatIndex: number;
  stepIndex: number;
  at: number;
}

export interface EscalationPlan {
  steps: Pick<EscalationStep, 'delayMinutes'>[];
  /** How many times the whole list of steps runs (1 = once). */
  repeat: number;
}

/**
 * Every step of every pass, in order, with its due time: delays add up over
 * the flattened list (pass 2's first step waits its delay after pass 1's
 * last step), counted from when the page opened.
 */
export function escalationTimes(
  policy: EscalationPlan,
  openedAt: number,
): EscalationTime[] {
  const times: EscalationTime[] = [];
  let at = openedAt;
  const passes = Math.max(1, policy.repeat);
  for (let repeatIndex = 0; repeatIndex < passes; repeatIndex++) {
    for (let stepIndex = 0; stepIndex < policy.steps.length; stepIndex++) {
      at += policy.steps[stepIndex].delayMinutes * MINUTE;
      times.push({ repeatIndex, stepIndex, at });
    }
  }
  return times;
}

/**
 * The step due after `after` (the first step when `after` is absent), or
 * undefined when the policy is exhausted.
 */
export function nextEscalation(
  policy: EscalationPlan,
  openedAt: number,
  after?: { repeatIndex: number; stepIndex: number },
): EscalationTime | undefined {
  const times = escalationTimes(policy, openedAt);
  if (!after) return times[0];
  const position = times.findIndex(
    time =>
      time.repeatIndex === after.repeatIndex &&
      time.stepIndex === after.stepIndex,
  );
  return position === -1 ? undefined : times[position + 1];
}
