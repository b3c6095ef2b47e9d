import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ReviewEvaluationService } from './ReviewEvaluationService';

/** The scheduler task that re-evaluates every open, go and reopened review. */
export const EVALUATION_TASK_ID = 'launch-gates-evaluate';

/** One scheduled cycle, logged with its figures. */
export async function runScheduledCycle(
  evaluation: Pick<ReviewEvaluationService, 'evaluateAll'>,
  logger: LoggerService,
): Promise<void> {
  const report = await evaluation.evaluateAll();
  const line = `Launch gates: evaluated ${report.evaluated} of ${report.reviews} reviews in ${report.durationMs} ms (${report.failed} failed, ${report.reopened} reopened)`;
  if (report.failed > 0) logger.warn(line);
  else logger.info(line);
}
