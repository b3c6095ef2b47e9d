import type { PageStatus } from '@vigil/backstage-plugin-oncall-common';
import type { StoreInternals } from '../StoreInternals';
import { PAGES } from './rows';

/**
 * The compare-and-set that runs each step exactly once across backend
 * instances: one conditional UPDATE, so of two instances that read the same
 * due page only one changes a row (PostgreSQL re-checks the condition after
 * waiting for the other's row lock; SQLite serializes writers).
 */
export async function advancePage(
  internals: StoreInternals,
  id: string,
  from: { repeatIndex: number; stepIndex: number },
  to: {
    repeatIndex: number;
    stepIndex: number;
    nextEscalationAt?: number;
    status?: PageStatus;
  },
): Promise<boolean> {
  const updated = await internals
    .db(PAGES)
    .where({
      id,
      status: 'open',
      repeat_index: from.repeatIndex,
      step_index: from.stepIndex,
    })
    .update({
      repeat_index: to.repeatIndex,
      step_index: to.stepIndex,
      next_escalation_at: to.nextEscalationAt ?? null,
      ...(to.status && { status: to.status }),
    });
  return updated === 1;
}
