import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
} from '@vigil/backstage-plugin-incidents-common';
import { isSandboxOnly } from '@vigil/backstage-plugin-sandbox-common';
import { sendNotification } from '@vigil/backend-kit';
import pLimit from 'p-limit';
import type { IncidentsBackendConfig } from '../config';
import type { StoredIncident } from '../database/IncidentStore';
import type { IncidentsTelemetry } from './IncidentsTelemetry';
import type { OnCallPaging } from './OnCallPaging';

// An alert storm opens many incidents at once; their notifications go out a
// few at a time (each is a request the notifications backend must verify),
// with retries, instead of all at once and mostly failing.
const NOTIFICATION_CONCURRENCY = 2;
const NOTIFICATION_ATTEMPTS = 3;
const NOTIFICATION_RETRY_MS = 1_000;
/** The `channel` label of the notifications' counters. */
const NOTIFICATION_CHANNEL = 'incident-declared';

const NOTIFICATION_SEVERITY = {
  SEV1: 'critical',
  SEV2: 'high',
  SEV3: 'normal',
  SEV4: 'low',
} as const;

/**
 * Tells the world about changes: signals to open pages, notifications to the
 * owners of a newly declared incident (a few at a time, with retries), and
 * the declaration telemetry. Never throws: a lost message undoes nothing.
 */
export class IncidentNotifier {
  private readonly notificationSlots = pLimit(NOTIFICATION_CONCURRENCY);

  constructor(
    private readonly options: {
      config: IncidentsBackendConfig;
      logger: LoggerService;
      notifications?: NotificationService;
      signals?: SignalsService;
      telemetry?: IncidentsTelemetry;
      /** Pages on-call for declared incidents; the owners are notified only when nobody was paged. */
      paging?: Pick<OnCallPaging, 'page'>;
      /** First retry delay of a failed notification (then ×3). */
      notificationRetryMs?: number;
    },
  ) {}

  /** After an incident is declared (by a user or by Alertmanager). */
  declared(stored: StoredIncident, source: 'user' | 'alertmanager'): void {
    const { incident } = stored;
    // Practice in the sandbox is not counted among real declarations.
    if (!isSandboxOnly(incident.entityRefs)) {
      this.options.telemetry?.declared(incident.severity, source);
    }
    this.signal({
      type: 'incident_declared',
      incidentId: incident.id,
      version: incident.version,
      status: incident.status,
    });
    const { paging, config } = this.options;
    if (!paging && !config.notifyOnDeclare) return;
    void this.notificationSlots(async () => {
      // Paged: on-call stands in for the owning group; the commander still hears.
      // The on-call backend never pages for the sandbox (the timeline says so),
      // and its owning group is not told of practice either.
      const paged = Boolean(paging && (await paging.page(stored)));
      const tellOwners = !paged && !isSandboxOnly(incident.entityRefs);
      if (config.notifyOnDeclare) await this.notifyDeclared(stored, tellOwners);
    });
  }

  /** Broadcasts a signal; a failure is only logged. */
  signal(message: IncidentSignal): void {
    const { signals, logger } = this.options;
    if (!signals) return;
    signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: INCIDENTS_SIGNAL_CHANNEL,
        message: { ...message },
      })
      .catch(error => logger.debug(`Could not publish signal: ${error}`));
  }

  private async notifyDeclared(
    stored: StoredIncident,
    includeOwners = true,
  ): Promise<void> {
    const { incident, ownerRefs } = stored;
    const recipients = [
      ...new Set([
        ...(includeOwners ? ownerRefs : []),
        ...(incident.roles.commander ? [incident.roles.commander] : []),
      ]),
    ];
    const { notifications, telemetry, logger } = this.options;
    if (!notifications || recipients.length === 0) return;
    const severityName = this.options.config.severities[incident.severity].name;
    // The incident exists either way; a lost notification must not undo it.
    const result = await sendNotification(
      () =>
        notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: `${incident.severity} incident declared: ${incident.title}`,
            description: `${severityName} incident affecting ${incident.entityRefs.join(
              ', ',
            )}${
              incident.summary ? ` — ${incident.summary.slice(0, 300)}` : ''
            }`,
            link: `/incidents/${incident.id}`,
            severity: NOTIFICATION_SEVERITY[incident.severity],
            topic: 'vigil-incidents',
            scope: `incident:${incident.id}`,
          },
        }),
      {
        channel: NOTIFICATION_CHANNEL,
        counter: telemetry?.notifications,
        attempts: NOTIFICATION_ATTEMPTS,
        retryMs: this.options.notificationRetryMs ?? NOTIFICATION_RETRY_MS,
      },
    );
    if (!result.sent) {
      logger.warn(
        `Could not notify owners of incident ${incident.id} after ${result.attempts} attempts: ${result.error}`,
      );
    }
  }
}
