/** Which state a health answer is in, and the sentence that says so. */
import type { HealthState } from './api';

/** What the state is decided from. @public */
export interface HealthStateInput {
  selector?: string;
  panels: Array<{ title: string; hasData: boolean }>;
  /** Queries that could not reach Prometheus (network, 5xx, breaker open). */
  unreachableQueries: number;
  totalQueries: number;
  lastReachableAt?: string;
}

/**
 * The state and its message. Prometheus is "down" when no query reached it;
 * a few unreachable queries (a slow 30-day query timing out) only make
 * their panels missing.
 * @public
 */
export function decideHealthState(input: HealthStateInput): {
  state: HealthState;
  message: string;
  missingPanels: string[];
} {
  const missingPanels = input.panels
    .filter(panel => !panel.hasData)
    .map(panel => panel.title);
  if (!input.selector) {
    return {
      state: 'misconfigured',
      message:
        "The entity's annotations name no usable Prometheus selector; see the annotation issues.",
      missingPanels,
    };
  }
  if (
    input.totalQueries > 0 &&
    input.unreachableQueries === input.totalQueries
  ) {
    return {
      state: 'prometheus-down',
      message: `Prometheus is unreachable, so no health data can be shown${
        input.lastReachableAt
          ? ` (last reached at ${input.lastReachableAt})`
          : ''
      }. The charts come back when it answers again.`,
      missingPanels,
    };
  }
  if (missingPanels.length === input.panels.length) {
    return {
      state: 'empty',
      message: `Prometheus has no data for {${input.selector}} in this range: check that the service is scraped under this selector, or pick a longer range.`,
      missingPanels,
    };
  }
  if (missingPanels.length > 0) {
    return {
      state: 'partial',
      message: `No data in this range for: ${missingPanels.join(', ')}.`,
      missingPanels,
    };
  }
  return { state: 'ok', message: 'Every panel has data.', missingPanels };
}
