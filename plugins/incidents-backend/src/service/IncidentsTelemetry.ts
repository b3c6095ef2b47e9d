import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  IncidentMetrics,
  SEVERITIES,
  Severity,
  incidentMetrics,
} from '@vigil/backstage-plugin-incidents-common';
import {
  isSandboxEntityRef,
  isSandboxOnly,
  SANDBOX_NAMESPACE,
} from '@vigil/backstage-plugin-sandbox-common';
import { NotificationCounter } from '@vigil/backend-kit';
import type { IncidentStore } from '../database/IncidentStore';

const DAY_MS = 86_400_000;
const MS_PER_SECOND = 1000;

interface Snapshot {
  open: Record<string, number>;
  catalog: IncidentMetrics;
  byEntity: Map<string, IncidentMetrics>;
}

/**
 * The backend's own Prometheus metrics (`vigil_incidents_*`, served by the
 * backend's OpenTelemetry exporter): counters recorded as things happen, and
 * gauges over the last 30 days read from a snapshot the scheduler refreshes,
 * so a scrape never queries the database. Incidents of the sandbox (only
 * entities of namespace `sandbox`) are not counted.
 */
export class IncidentsTelemetry {
  private snapshot?: Snapshot;
  private readonly declaredCounter;
  private readonly notificationCounter;
  private readonly webhookDuration;
  /** Notification outcomes under the names every Vigil plugin shares. */
  readonly notifications: NotificationCounter;

  constructor(
    private readonly options: {
      metrics: MetricsService;
      store: IncidentStore;
      logger: LoggerService;
      /** Entities with incidents in the window get per-entity series, up to this many. */
      maxEntitySeries?: number;
      now?: () => number;
    },
  ) {
    const { metrics } = options;
    this.declaredCounter = metrics.createCounter<{
      severity: string;
      source: string;
    }>('vigil_incidents_declared', {
      description:
        'Incidents declared, by severity and source (user or alertmanager)',
    });
    this.notificationCounter = metrics.createCounter<{ action: string }>(
      'vigil_incidents_alertmanager_notifications',
      {
        description:
          'Alertmanager notifications received, by what they did (opened, updated, unchanged, ignored, rejected)',
      },
    );
    this.webhookDuration = metrics.createHistogram<{ status: string }>(
      'vigil_incidents_alertmanager_webhook_duration_seconds',
      {
        description:
          'Time to take an Alertmanager notification, by HTTP status class',
        advice: {
          explicitBucketBoundaries: [
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
          ],
        },
      },
    );

    this.notifications = NotificationCounter.create(metrics);

    const gauge = (
      name: string,
      description: string,
      read: (m: IncidentMetrics) => number | undefined,
    ) => {
      metrics
        .createObservableGauge<{ entity_ref?: string }>(name, { description })
        .addCallback(result => {
          const snap = this.snapshot;
          if (!snap) return;
          const catalogValue = read(snap.catalog);
          if (catalogValue !== undefined) result.observe(catalogValue);
          for (const [entityRef, m] of snap.byEntity) {
            const value = read(m);
            if (value !== undefined)
              result.observe(value, { entity_ref: entityRef });
          }
        });
    };
    metrics
      .createObservableGauge<{ severity: string }>('vigil_incidents_open', {
        description:
          'Open incidents (investigating, identified or monitoring) by severity',
      })
      .addCallback(result => {
        if (!this.snapshot) return;
        for (const severity of SEVERITIES) {
          result.observe(this.snapshot.open[severity] ?? 0, { severity });
        }
      });
    metrics
      .createObservableGauge<{ severity: string; entity_ref?: string }>(
        'vigil_incidents_30d_count',
        {
          description:
            'Incidents declared in the last 30 days by severity; without entity_ref across the catalog',
        },
      )
      .addCallback(result => {
        const snap = this.snapshot;
        if (!snap) return;
        for (const severity of SEVERITIES) {
          result.observe(snap.catalog.countBySeverity[severity], { severity });
          for (const [entityRef, m] of snap.byEntity) {
            result.observe(m.countBySeverity[severity], {
              severity,
              entity_ref: entityRef,
            });
          }
        }
      });
    const seconds = (ms?: number) =>
      ms === undefined ? undefined : ms / MS_PER_SECOND;
    gauge(
      'vigil_incidents_30d_mtta_seconds',
      'Mean time from detection (the first alert, or when the declarer noticed) to acknowledgement, over the acknowledged incidents of the last 30 days',
      m => seconds(m.mttaMs),
    );
    gauge(
      'vigil_incidents_30d_mttr_seconds',
      'Mean time to resolve over the last 30 days',
      m => seconds(m.mttrMs),
    );
    gauge(
      'vigil_incidents_30d_mttm_seconds',
      'Mean time to mitigate over the last 30 days',
      m => seconds(m.mttmMs),
    );
    gauge(
      'vigil_incidents_30d_postmortem_published_ratio',
      'Share of the last 30 days’ incidents with a published postmortem',
      m => m.publishedPostmortemShare,
    );
    gauge(
      'vigil_incidents_30d_action_items_overdue',
      'Open action items past their due date, of the last 30 days’ incidents',
      m => m.overdueActionItems,
    );
  }

  declared(severity: Severity, source: 'user' | 'alertmanager'): void {
    this.declaredCounter.add(1, { severity, source });
  }

  notification(action: string): void {
    this.notificationCounter.add(1, { action });
  }

  webhookTook(seconds: number, status: number): void {
    this.webhookDuration.record(seconds, {
      status: `${Math.floor(status / 100)}xx`,
    });
  }

  /** Recomputes the gauges' snapshot (scheduled, not per scrape). */
  async refresh(): Promise<void> {
    const now = (this.options.now ?? Date.now)();
    const from = now - 30 * DAY_MS;
    const period = {
      from: new Date(from).toISOString(),
      to: new Date(now).toISOString(),
    };
    // The sandbox's incidents are practice, never real metrics: those
    // affecting only sandbox entities are left out, and so are the sandbox
    // entities' own series.
    const [open, all] = await Promise.all([
      this.options.store.countOpenBySeverity({
        excludeNamespace: SANDBOX_NAMESPACE,
      }),
      this.options.store.metricsIncidents(from, now),
    ]);
    const incidents = all.filter(i => !isSandboxOnly(i.entityRefs));
    const perEntity = new Map<string, typeof incidents>();
    for (const incident of incidents) {
      for (const ref of incident.entityRefs) {
        if (isSandboxEntityRef(ref)) continue;
        const list = perEntity.get(ref) ?? [];
        list.push(incident);
        perEntity.set(ref, list);
      }
    }
    // Bounded labels: the entities with the most incidents, up to the cap.
    const max = this.options.maxEntitySeries ?? 200;
    const entities = [...perEntity]
      .sort((a, b) => b[1].length - a[1].length)
      .slice(0, max);
    this.snapshot = {
      open,
      catalog: incidentMetrics(incidents, period),
      byEntity: new Map(
        entities.map(([ref, list]) => [ref, incidentMetrics(list, period)]),
      ),
    };
  }
}
