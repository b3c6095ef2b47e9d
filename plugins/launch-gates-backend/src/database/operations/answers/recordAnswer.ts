import type { NewAnswer, StoredAnswer } from '../../LaunchGatesStore';
import { saveEvaluationIn } from '../reviews/saveEvaluation';
import { msOf, type StoreInternals } from '../StoreInternals';
import { ANSWERS, AnswerRow } from './rows';

/**
 * Appends a manual answer (never changed afterwards) and, in the same
 * transaction, what it changes: the check's current result, the review's
 * state and the events.
 */
export async function recordAnswer(
  internals: StoreInternals,
  input: NewAnswer,
): Promise<StoredAnswer> {
  const answer: StoredAnswer = { ...input.answer, id: internals.newId() };
  const row: AnswerRow = {
    id: answer.id,
    review_id: answer.reviewId,
    check_id: answer.checkId,
    answer: answer.answer,
    comment: answer.comment,
    link: answer.link,
    attachment_id: answer.attachmentId,
    answered_by: answer.answeredBy,
    answered_at: msOf(answer.answeredAt),
  };
  await internals.db.transaction(async tx => {
    await tx(ANSWERS).insert(row);
    await saveEvaluationIn(internals, tx, input.outcome);
  });
  return answer;
}
