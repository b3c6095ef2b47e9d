import {
  ActionItem,
  Incident,
  PostmortemState,
  SEVERITIES,
  Severity,
  toMillis,
} from './model';

/** What the metrics read of an incident (its postmortem's action items optional). */
export type MetricsIncident = Pick<Incident, 'severity' | 'timestamps'> & {
  postmortemState?: PostmortemState;
  actionItems?: ReadonlyArray<Pick<ActionItem, 'status' | 'dueDate'>>;
};

/** Half-open period `[from, to)` of declaration times, ISO timestamps. */
export interface MetricsPeriod {
  from: string;
  to: string;
}

export interface IncidentMetrics {
  /** Incidents declared in the period. */
  count: number;
  countBySeverity: Record<Severity, number>;
  /**
   * Mean time to acknowledge (detected → acknowledged; declared when the
   * detection time is unknown), ms, over the acknowledged incidents;
   * undefined when none is acknowledged.
   */
  mttaMs?: number;
  /** Mean time to resolve (declared → resolved), ms; undefined when none resolved. */
  mttrMs?: number;
  /** Mean time to mitigate (declared → mitigated), ms; undefined when none mitigated. */
  mttmMs?: number;
  /** Share (0..1) of the period's incidents with a published postmortem; undefined when none. */
  publishedPostmortemShare?: number;
  /** Open or in-progress action items due before the end of the period. */
  overdueActionItems: number;
}

function mean(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function durations(
  incidents: ReadonlyArray<MetricsIncident>,
  pick: (i: MetricsIncident) => string | undefined,
  start: (i: MetricsIncident) => string = i => i.timestamps.declaredAt,
): number[] {
  const out: number[] = [];
  for (const incident of incidents) {
    const end = pick(incident);
    if (!end) continue;
    const ms = toMillis(end) - toMillis(start(incident));
    if (Number.isFinite(ms)) out.push(Math.max(0, ms));
  }
  return out;
}

/** End of a due date `YYYY-MM-DD` (UTC), epoch ms. */
function dueEnd(dueDate: string): number {
  return toMillis(`${dueDate}T00:00:00Z`) + 24 * 60 * 60 * 1000;
}

/** Incident metrics over the incidents declared in `period`. Means are never NaN. */
export function incidentMetrics(
  incidents: ReadonlyArray<MetricsIncident>,
  period: MetricsPeriod,
): IncidentMetrics {
  const from = toMillis(period.from);
  const to = toMillis(period.to);
  const inPeriod = incidents.filter(i => {
    const declared = toMillis(i.timestamps.declaredAt);
    return declared >= from && declared < to;
  });
  const countBySeverity = Object.fromEntries(
    SEVERITIES.map(s => [s, 0]),
  ) as Record<Severity, number>;
  let published = 0;
  let overdue = 0;
  for (const incident of inPeriod) {
    countBySeverity[incident.severity] += 1;
    if (incident.postmortemState === 'published') published += 1;
    for (const item of incident.actionItems ?? []) {
      const open = item.status === 'open' || item.status === 'in_progress';
      if (open && item.dueDate && dueEnd(item.dueDate) <= to) overdue += 1;
    }
  }
  const metrics: IncidentMetrics = {
    count: inPeriod.length,
    countBySeverity,
    overdueActionItems: overdue,
  };
  // An alert-opened incident counts from its first alert, not from when the
  // webhook declared it; unacknowledged incidents have no MTTA to add.
  const mtta = mean(
    durations(
      inPeriod,
      i => i.timestamps.acknowledgedAt,
      i => i.timestamps.detectedAt ?? i.timestamps.declaredAt,
    ),
  );
  const mttr = mean(durations(inPeriod, i => i.timestamps.resolvedAt));
  const mttm = mean(durations(inPeriod, i => i.timestamps.mitigatedAt));
  if (mtta !== undefined) metrics.mttaMs = mtta;
  if (mttr !== undefined) metrics.mttrMs = mttr;
  if (mttm !== undefined) metrics.mttmMs = mttm;
  if (inPeriod.length > 0) {
    metrics.publishedPostmortemShare = published / inPeriod.length;
  }
  return metrics;
}
