import { mockServices } from '@backstage/backend-test-utils';
import { EscalationRunner, ESCALATION_TASK_ID } from './EscalationRunner';

describe('EscalationRunner', () => {
  it('runs the due escalations as one global task', async () => {
    const pager = { runDue: jest.fn(async () => ({ due: 2, delivered: 1 })) };
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler.mock();
    await new EscalationRunner({ pager, logger }).schedule(scheduler, 15);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: ESCALATION_TASK_ID,
        // One instance at a time; each step is still claimed in the database.
        scope: 'global',
        frequency: { seconds: 15 },
      }),
    );
    const [{ fn }] = scheduler.scheduleTask.mock.calls[0];
    await (fn as () => Promise<void>)();
    expect(pager.runDue).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledWith(
      'Escalation: 2 page(s) due, 1 step(s) delivered',
    );
  });
});
