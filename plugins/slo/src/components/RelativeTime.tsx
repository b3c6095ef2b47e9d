import { DateTime } from 'luxon';
import { formatEvaluationAge, formatTimestamp } from '../lib/format';
import { useNow } from '../lib/useNow';

/**
 * "41 seconds ago", redrawn every few seconds so an open page never shows a
 * frozen age; the exact time is in the tooltip.
 */
export function RelativeTime(props: {
  time: string | null | undefined;
  intervalMs?: number;
}) {
  const now = useNow(props.intervalMs);
  const text = formatEvaluationAge(props.time, DateTime.fromMillis(now));
  if (!props.time) return <>{text}</>;
  return <span title={formatTimestamp(props.time)}>{text}</span>;
}
