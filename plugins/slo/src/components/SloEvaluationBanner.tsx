import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { DateTime } from 'luxon';
import type { SloEvaluationStatus } from '../api/types';
import {
  formatClockTime,
  formatTimeSpan,
  formatTimestamp,
} from '../lib/format';
import { useNow } from '../lib/useNow';
import { useSloEvaluationStatus } from '../lib/useSloEvaluationStatus';

/** "computed 4 min ago", or that nothing was computed yet. */
function computed(status: SloEvaluationStatus, now: number): string {
  if (!status.lastSuccessAt) {
    return 'SLO figures have not been computed yet';
  }
  const age = formatTimeSpan(now - Date.parse(status.lastSuccessAt));
  return `SLO figures show their last values, computed ${age} ago`;
}

/** The banner's sentence, or undefined when all is well (or unknown). */
export function evaluationProblem(
  status: SloEvaluationStatus,
  now: number,
): string | undefined {
  if (!status.enabled) return undefined;
  const clock = DateTime.fromMillis(now);
  if (status.prometheus === 'unreachable' && status.unreachableSince) {
    const since = status.unreachableSince;
    return `Prometheus is unreachable since ${formatClockTime(
      since,
      clock,
    )} (${formatTimeSpan(now - Date.parse(since))}): ${computed(status, now)}.`;
  }
  if (status.stalled && status.lastAttemptAt) {
    const since = status.lastAttemptAt;
    return `SLO evaluation has not run since ${formatClockTime(
      since,
      clock,
    )} (${formatTimeSpan(now - Date.parse(since))}): ${computed(status, now)}.`;
  }
  return undefined;
}

/**
 * A warning above SLO figures while they cannot be refreshed: Prometheus
 * is unreachable (or evaluation has stopped), the figures shown are the last
 * ones computed, and how old they are. Renders nothing otherwise, also when
 * the status cannot be read: the figures carry their own age and `stale`.
 */
export function SloEvaluationBanner(props: { pollMs?: number }) {
  const { value } = useSloEvaluationStatus({ pollMs: props.pollMs });
  const now = useNow();
  const problem = value && evaluationProblem(value, now);
  if (!value || !problem) return null;
  return (
    <Box mb={2}>
      <Alert
        severity="warning"
        data-testid="slo-evaluation-banner"
        title={value.lastError ?? undefined}
      >
        {problem}
        {value.lastError && (
          <Box component="span" display="block" fontSize="0.85em">
            Last error ({formatTimestamp(value.lastAttemptAt)}):{' '}
            {value.lastError}
          </Box>
        )}
      </Alert>
    </Box>
  );
}
