import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { NotificationCounter } from '@vigil/backend-kit';
import type { StoredPage } from '../../database/OnCallStore';

const SEVERITIES: StoredPage['severity'][] = [
  'critical',
  'high',
  'normal',
  'low',
];

/**
 * A sample older than this is not reported: the escalation job runs on one
 * instance at a time, and an instance it moved away from must not keep
 * exporting its last backlog.
 */
const SAMPLE_TTL_MS = 2 * 60_000;

/**
 * The on-call backend's own metrics: page notifications by outcome (the
 * names every plugin shares) and the escalation backlog,
 * `vigil_oncall_escalations_due{severity}`: open pages with a step due that
 * the last escalation run left undelivered. Sampled by the job after each
 * run, so a scrape never queries the database.
 */
export class EscalationTelemetry {
  readonly notifications: NotificationCounter;
  private sample?: {
    at: number;
    due: Partial<Record<StoredPage['severity'], number>>;
  };

  constructor(
    metrics: MetricsService,
    private readonly clock: () => number = Date.now,
  ) {
    this.notifications = NotificationCounter.create(metrics);
    metrics
      .createObservableGauge<{ severity: string }>(
        'vigil_oncall_escalations_due',
        {
          description:
            'Open pages whose next escalation step is due and was not delivered by the last escalation run, by severity',
        },
      )
      .addCallback(result => {
        const sample = this.sample;
        if (!sample || this.clock() - sample.at > SAMPLE_TTL_MS) return;
        for (const severity of SEVERITIES) {
          result.observe(sample.due[severity] ?? 0, { severity });
        }
      });
  }

  /** After an escalation run: the pages still due, by severity. */
  escalationsDue(due: Partial<Record<StoredPage['severity'], number>>): void {
    this.sample = { at: this.clock(), due };
  }
}
