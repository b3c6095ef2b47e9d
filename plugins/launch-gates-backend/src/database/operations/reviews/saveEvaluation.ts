import type { Knex } from 'knex';
import type { EvaluationOutcome } from '../../LaunchGatesStore';
import { appendEvents } from '../events/rows';
import { upsertResults } from '../results/rows';
import { msOf, msOrNull, type StoreInternals } from '../StoreInternals';
import { WAIVER_EXPIRIES } from '../waivers/rows';
import { REVIEWS, ReviewRow, SIGNERS } from './rows';

/**
 * Writes what an evaluation found, in one transaction: the results, the
 * signers (refreshed from the catalog), the state, the events, and the
 * waiver expiries it noticed (each once: a second notice is ignored).
 */
export async function saveEvaluation(
  internals: StoreInternals,
  outcome: EvaluationOutcome,
): Promise<void> {
  await internals.db.transaction(tx =>
    saveEvaluationIn(internals, tx, outcome),
  );
}

/** `saveEvaluation` inside the caller's transaction. */
export async function saveEvaluationIn(
  internals: StoreInternals,
  tx: Knex.Transaction,
  outcome: EvaluationOutcome,
): Promise<void> {
  const changes: Partial<ReviewRow> = {
    state: outcome.state,
    reopened_at: msOrNull(outcome.reopenedAt),
    updated_at: msOf(outcome.now),
  };
  if (outcome.lastEvaluatedAt) {
    changes.last_evaluated_at = msOf(outcome.lastEvaluatedAt);
  }
  await tx(REVIEWS).where('id', outcome.reviewId).update(changes);
  await upsertResults(tx, outcome.reviewId, outcome.results);
  if (outcome.signers) {
    await tx(SIGNERS).where('review_id', outcome.reviewId).delete();
    if (outcome.signers.length > 0) {
      await tx(SIGNERS).insert(
        outcome.signers.map(ref => ({ review_id: outcome.reviewId, ref })),
      );
    }
  }
  if (outcome.expiredWaiverIds.length > 0) {
    await tx(WAIVER_EXPIRIES)
      .insert(
        outcome.expiredWaiverIds.map(id => ({
          waiver_id: id,
          noticed_at: msOf(outcome.now),
        })),
      )
      .onConflict('waiver_id')
      .ignore();
  }
  await appendEvents(internals, tx, outcome.events);
}
