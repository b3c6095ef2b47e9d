import type {
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { OnCallStore } from '../database/OnCallStore';
import type { Pager } from './escalation';
import { CalendarFeed } from './CalendarFeed';
import type { OnCallDirectory } from './OnCallDirectory';
import { OnCallService } from './OnCallService';
import { PageReader } from './PageReader';
import { PolicyService } from './PolicyService';
import { ScheduleService } from './ScheduleService';
import { ShiftChangeNotifier } from './ShiftChangeNotifier';

/** What the routes need of the escalation engine's Pager (src/service/escalation). */
export type PagerApi = Pick<
  Pager,
  'open' | 'acknowledge' | 'acknowledgeIncident' | 'resolveIncident'
>;

export interface OnCallServices {
  schedules: ScheduleService;
  onCall: OnCallService;
  policies: PolicyService;
  pages: PageReader;
  calendars: CalendarFeed;
  pager: PagerApi;
}

/** The domain services over one store (the Pager is built by plugin.ts from `onCall`). */
export function createOnCallServices(options: {
  store: OnCallStore;
  directory: OnCallDirectory;
  discovery: Pick<DiscoveryService, 'getExternalBaseUrl'>;
  logger: LoggerService;
  notifications?: NotificationService;
  signals?: SignalsService;
  now?: () => number;
}): Omit<OnCallServices, 'pager'> {
  const { store, now } = options;
  const onCall = new OnCallService({ store, directory: options.directory });
  const notifier = new ShiftChangeNotifier(options);
  return {
    onCall,
    schedules: new ScheduleService({ store, onCall, notifier, now }),
    policies: new PolicyService({ store, now }),
    pages: new PageReader(store),
    calendars: new CalendarFeed({
      store,
      onCall,
      discovery: options.discovery,
      now,
    }),
  };
}
