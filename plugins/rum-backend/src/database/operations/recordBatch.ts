import type { RumBatch, RumBatchOutcome } from '../RumStore';
import { recordException } from './errors/recordException';
import { markErrorSession } from './sessions/markErrorSession';
import { touchSession } from './sessions/touchSession';
import type { StoreInternals } from './StoreInternals';
import { addPageLoads, addVitalBuckets } from './usage/addAggregates';

/** Writes one payload's worth in one transaction. */
export async function recordBatch(
  internals: StoreInternals,
  batch: RumBatch,
): Promise<RumBatchOutcome> {
  return internals.db.transaction(async trx => {
    const tx: StoreInternals = { ...internals, db: trx };
    const sessionId = batch.session?.id;
    const newSession = batch.session
      ? await touchSession(tx, batch.session, batch.now)
      : false;
    if (batch.pageLoads.size > 0) {
      await addPageLoads(tx, batch.pageLoads, batch.now);
    }
    if (batch.vitalBuckets.length > 0) {
      await addVitalBuckets(tx, batch.vitalBuckets, batch.now);
    }
    for (const occurrence of batch.exceptions) {
      await recordException(tx, occurrence, sessionId);
    }
    const newErrorSession =
      sessionId !== undefined && batch.exceptions.length > 0
        ? await markErrorSession(tx, sessionId)
        : false;
    return { newSession, newErrorSession };
  });
}
