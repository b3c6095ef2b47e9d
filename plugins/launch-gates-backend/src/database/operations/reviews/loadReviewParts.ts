import { whereInValues } from '@vigil/backend-kit';
import type { ReviewParts, StoredAnswer } from '../../LaunchGatesStore';
import { ANSWERS, answerFromRow, AnswerRow } from '../answers/rows';
import {
  ATTACHMENTS,
  attachmentFromRow,
  AttachmentRow,
  SUMMARY_COLUMNS,
} from '../attachments/rows';
import { RESULTS, resultFromRow, ResultRow } from '../results/rows';
import { SIGN_OFFS, signOffFromRow, SignOffRow } from '../signOffs/rows';
import type { StoreInternals } from '../StoreInternals';
import {
  WAIVER_EXPIRIES,
  WAIVERS,
  waiverFromRow,
  WaiverRow,
} from '../waivers/rows';
import { SIGNERS } from './rows';

/**
 * The parts of many reviews, one query per table whatever their number
 * (a page of 200 summaries costs the same five queries as one review).
 * Summaries (`full: false`) read only each review's latest sign-off and no
 * answers; a review's detail reads everything.
 */
export async function loadReviewParts(
  internals: StoreInternals,
  reviewIds: readonly string[],
  options: { full: boolean },
): Promise<Map<string, ReviewParts>> {
  const parts = new Map<string, ReviewParts>();
  if (reviewIds.length === 0) return parts;
  for (const id of reviewIds) {
    parts.set(id, {
      signers: [],
      results: [],
      waivers: [],
      signOffs: [],
      answers: [],
      attachments: [],
    });
  }
  const { db, isPostgres } = internals;
  const ofReviews = (table: string, column = `${table}.review_id`) =>
    whereInValues(db(table), column, reviewIds, isPostgres);

  const signOffs = ofReviews(SIGN_OFFS).select(`${SIGN_OFFS}.*`);
  if (!options.full) {
    // Only the latest of each review, still one statement.
    signOffs.whereNotExists(q =>
      q
        .select(db.raw('1'))
        .from(`${SIGN_OFFS} as later`)
        .whereRaw(`later.review_id = ${SIGN_OFFS}.review_id`)
        .where(qq =>
          qq
            .whereRaw(`later.signed_at > ${SIGN_OFFS}.signed_at`)
            .orWhere(qqq =>
              qqq
                .whereRaw(`later.signed_at = ${SIGN_OFFS}.signed_at`)
                .whereRaw(`later.id > ${SIGN_OFFS}.id`),
            ),
        ),
    );
  }
  const [signerRows, resultRows, waiverRows, signOffRows] = await Promise.all([
    ofReviews(SIGNERS).select('review_id', 'ref').orderBy('ref'),
    ofReviews(RESULTS).select('*') as Promise<ResultRow[]>,
    ofReviews(WAIVERS)
      .leftJoin(
        WAIVER_EXPIRIES,
        `${WAIVER_EXPIRIES}.waiver_id`,
        `${WAIVERS}.id`,
      )
      .select(`${WAIVERS}.*`, `${WAIVER_EXPIRIES}.noticed_at`)
      .orderBy(`${WAIVERS}.created_at`, 'desc')
      .orderBy(`${WAIVERS}.id`, 'desc') as Promise<WaiverRow[]>,
    signOffs
      .orderBy(`${SIGN_OFFS}.signed_at`, 'desc')
      .orderBy(`${SIGN_OFFS}.id`, 'desc') as Promise<SignOffRow[]>,
  ]);
  for (const row of signerRows as { review_id: string; ref: string }[]) {
    parts.get(row.review_id)?.signers.push(row.ref);
  }
  for (const row of resultRows) {
    parts.get(row.review_id)?.results.push(resultFromRow(row));
  }
  for (const row of waiverRows) {
    parts.get(row.review_id)?.waivers.push(waiverFromRow(row));
  }
  for (const row of signOffRows) {
    parts.get(row.review_id)?.signOffs.push(signOffFromRow(row));
  }
  if (!options.full) return parts;

  const answerRows: AnswerRow[] = await ofReviews(ANSWERS)
    .select('*')
    .orderBy('answered_at', 'desc')
    .orderBy('id', 'desc');
  const latest = new Map<string, StoredAnswer>();
  for (const row of answerRows) {
    const key = `${row.review_id}\u0000${row.check_id}`;
    if (!latest.has(key)) latest.set(key, answerFromRow(row));
  }
  for (const answer of latest.values()) {
    parts.get(answer.reviewId)?.answers.push(answer);
  }
  const attachmentIds = [...latest.values()]
    .map(a => a.attachmentId)
    .filter((id): id is string => id !== null);
  if (attachmentIds.length > 0) {
    const rows: AttachmentRow[] = await whereInValues(
      db(ATTACHMENTS),
      'id',
      attachmentIds,
      isPostgres,
    ).select(SUMMARY_COLUMNS);
    for (const row of rows) {
      parts.get(row.review_id)?.attachments.push(attachmentFromRow(row));
    }
  }
  return parts;
}
