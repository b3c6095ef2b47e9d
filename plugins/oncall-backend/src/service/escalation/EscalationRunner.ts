import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { OnCallStore } from '../../database/OnCallStore';
import type { EscalationTelemetry } from './EscalationTelemetry';
import type { Pager } from './Pager';

export const ESCALATION_TASK_ID = 'oncall-escalation';

/**
 * The escalation job: every few seconds, delivers the steps of
 * unacknowledged pages that have come due. Global scope, so one instance
 * runs it at a time; exactness does not rest on that, since each step is
 * claimed in the database before it is delivered.
 */
export class EscalationRunner {
  constructor(
    private readonly options: {
      pager: Pick<Pager, 'runDue'>;
      logger?: LoggerService;
      /** With both, the backlog left after each run is sampled for the gauge. */
      store?: Pick<OnCallStore, 'countDuePages'>;
      telemetry?: Pick<EscalationTelemetry, 'escalationsDue'>;
      clock?: () => number;
    },
  ) {}

  async run(): Promise<void> {
    const { due, delivered } = await this.options.pager.runDue();
    if (delivered > 0 || due > delivered) {
      this.options.logger?.debug(
        `Escalation: ${due} page(s) due, ${delivered} step(s) delivered`,
      );
    }
    await this.sampleBacklog();
  }

  private async sampleBacklog(): Promise<void> {
    const { store, telemetry, logger, clock = Date.now } = this.options;
    if (!store || !telemetry) return;
    try {
      telemetry.escalationsDue(await store.countDuePages(clock()));
    } catch (error) {
      // The gauge goes stale (and then silent); escalation is unaffected.
      logger?.warn(`Could not count the due escalations: ${error}`);
    }
  }

  /** Registers the job with the scheduler. */
  async schedule(
    scheduler: SchedulerService,
    frequencySeconds: number = 15,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: ESCALATION_TASK_ID,
      scope: 'global',
      frequency: { seconds: frequencySeconds },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 10 },
      fn: () => this.run(),
    });
  }
}
