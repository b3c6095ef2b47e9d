import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { Schedule } from '@vigil/backstage-plugin-oncall-common';
import { ONCALL_SIGNAL_CHANNEL } from './escalation';

export const SHIFTS_NOTIFICATION_TOPIC = 'vigil-oncall-shifts';

/**
 * Tells people about a schedule change: a notification to those whose
 * shifts changed (except whoever made the change), and the
 * `schedule_changed` signal for open views. Never throws: the change is
 * stored already and a lost message undoes nothing.
 */
export class ShiftChangeNotifier {
  constructor(
    private readonly options: {
      logger: LoggerService;
      notifications?: NotificationService;
      signals?: SignalsService;
    },
  ) {}

  async changed(
    schedule: Pick<Schedule, 'id' | 'name' | 'version'>,
    userRefs: string[],
    what: string,
    by: string,
  ): Promise<void> {
    const { logger, notifications, signals } = this.options;
    const recipients = userRefs.filter(ref => ref !== by);
    try {
      await signals?.publish({
        recipients: { type: 'broadcast' },
        channel: ONCALL_SIGNAL_CHANNEL,
        message: {
          type: 'schedule_changed',
          scheduleId: schedule.id,
          version: schedule.version,
        },
      });
      if (notifications && recipients.length > 0) {
        await notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title: `Your on-call shifts in ${schedule.name} changed`,
            description: `${what} by ${by}; check your shifts for the next 90 days.`,
            link: `/oncall/schedules/${schedule.id}`,
            topic: SHIFTS_NOTIFICATION_TOPIC,
            severity: 'normal',
          },
        });
      }
    } catch (error) {
      logger.warn(
        `Could not tell about the change of schedule ${schedule.id}: ${error}`,
      );
    }
  }
}
