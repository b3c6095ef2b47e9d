import type { StoredAnswer } from '../../LaunchGatesStore';
import { isoOf } from '../StoreInternals';

export const ANSWERS = 'launch_manual_answers';

/** A row of `launch_manual_answers`. */
export interface AnswerRow {
  id: string;
  review_id: string;
  check_id: string;
  answer: string;
  comment: string;
  link: string | null;
  attachment_id: string | null;
  answered_by: string;
  answered_at: number | string;
}

export function answerFromRow(row: AnswerRow): StoredAnswer {
  return {
    id: row.id,
    reviewId: row.review_id,
    checkId: row.check_id,
    answer: row.answer as StoredAnswer['answer'],
    comment: row.comment,
    link: row.link,
    attachmentId: row.attachment_id,
    answeredBy: row.answered_by,
    answeredAt: isoOf(row.answered_at),
  };
}
