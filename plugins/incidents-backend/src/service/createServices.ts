import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { IncidentsBackendConfig } from '../config';
import type { IncidentStore } from '../database/IncidentStore';
import { AlertmanagerIntake } from './AlertmanagerIntake';
import type { EntityDirectory } from './EntityDirectory';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentsService } from './IncidentsService';
import type { OnCallPaging } from './OnCallPaging';
import type { IncidentsTelemetry } from './IncidentsTelemetry';
import { PostmortemsService } from './PostmortemsService';

/** The incidents backend's domain services, one per concern. */
export interface IncidentsServices {
  incidents: IncidentsService;
  postmortems: PostmortemsService;
  alertmanager: AlertmanagerIntake;
  notifier: IncidentNotifier;
}

/** Wires the domain services over one store, directory and notifier. */
export function createIncidentsServices(options: {
  store: IncidentStore;
  directory: EntityDirectory;
  config: IncidentsBackendConfig;
  logger: LoggerService;
  notifications?: NotificationService;
  signals?: SignalsService;
  telemetry?: IncidentsTelemetry;
  /** Flow 4: pages on-call on declare, stops paging on acknowledge and resolve. */
  paging?: OnCallPaging;
  now?: () => number;
  newId?: () => string;
  /** First retry delay of a failed notification (then ×3). */
  notificationRetryMs?: number;
}): IncidentsServices {
  const { store, directory, config, telemetry, now, newId } = options;
  const notifier = new IncidentNotifier({
    config,
    logger: options.logger,
    notifications: options.notifications,
    signals: options.signals,
    telemetry,
    paging: options.paging,
    notificationRetryMs: options.notificationRetryMs,
  });
  const incidents = new IncidentsService({
    store,
    directory,
    config,
    notifier,
    paging: options.paging,
    now,
    newId,
  });
  return {
    incidents,
    postmortems: new PostmortemsService({
      store,
      incidents,
      config,
      notifier,
      now,
      newId,
    }),
    alertmanager: new AlertmanagerIntake({
      store,
      directory,
      config,
      notifier,
      telemetry,
      now,
      newId,
    }),
    notifier,
  };
}
