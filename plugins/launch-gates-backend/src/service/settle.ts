import {
  deriveReviewState,
  isWaiverActive,
  type ReviewState,
} from '@vigil/backstage-plugin-launch-gates-common';
import type {
  EvaluationOutcome,
  NewEvent,
  ReviewParts,
  StoredCheckResult,
  StoredReview,
} from '../database/LaunchGatesStore';
import { checksOf, pendingResult, standingOf } from './reviewAssembly';

/** What new results do to a review, before it is stored. */
export interface Settlement {
  outcome: EvaluationOutcome;
  /** Set when a Go stopped holding just now: notify and audit. */
  reopened?: { blockers: string[]; reasons: string[] };
}

/**
 * Applies new check results (an evaluation's, or a manual answer's) to a
 * review: `check-changed` events for status changes, expired waivers
 * noticed once (`waiver-expired`), the state the readiness rules derive,
 * and, when a Go no longer holds, the reopening (`reopened_at`, a
 * `reopened` event). Pure: the caller stores the outcome and notifies.
 */
export function settle(input: {
  review: StoredReview;
  parts: ReviewParts;
  results: readonly StoredCheckResult[];
  now: Date;
  actor: string;
  signers?: string[];
  lastEvaluatedAt?: string;
  noticeExpiredWaivers: boolean;
}): Settlement {
  const { review, parts, results, now, actor } = input;
  const at = now.toISOString();
  const previous = new Map(parts.results.map(r => [r.checkId, r]));
  const gateOf = new Map(checksOf(review).map(c => [c.check.id, c]));
  const events: NewEvent[] = [];
  for (const result of results) {
    const known = gateOf.get(result.checkId);
    const before =
      previous.get(result.checkId) ??
      (known ? pendingResult(known.gateId, known.check) : undefined);
    if (before && before.status !== result.status) {
      events.push({
        reviewId: review.id,
        type: 'check-changed',
        actor,
        at,
        data: {
          checkId: result.checkId,
          from: before.status,
          to: result.status,
          summary: result.summary,
        },
      });
    }
  }

  const expired = input.noticeExpiredWaivers
    ? parts.waivers.filter(
        w => w.expiryNoticedAt === null && !isWaiverActive(w, now),
      )
    : [];
  for (const waiver of expired) {
    events.push({
      reviewId: review.id,
      type: 'waiver-expired',
      actor,
      at,
      data: {
        waiverId: waiver.id,
        checkId: waiver.checkId,
        expiresAt: waiver.expiresAt,
      },
    });
  }

  const standing = standingOf(review, parts, now, results);
  let state: ReviewState = deriveReviewState({
    latestSignOff: parts.signOffs[0],
    blockers: standing.blockers,
    reopenedAt: review.reopenedAt,
  });
  let reopenedAt = review.reopenedAt;
  let reopened: Settlement['reopened'];
  if (review.state === 'go' && state === 'reopened') {
    const latestGo = parts.signOffs[0];
    const reasons = standing.blockers.map(checkId => {
      const check = standing.checks.find(c => c.checkId === checkId)!;
      const waivedAtSigning =
        latestGo?.checkStatuses[checkId] === 'waived' &&
        check.status !== 'pass';
      return waivedAtSigning
        ? `the waiver of ${checkId} expired (${check.status})`
        : `${checkId} is ${check.status}`;
    });
    reopenedAt = at;
    state = 'reopened';
    reopened = { blockers: standing.blockers, reasons };
    events.push({
      reviewId: review.id,
      type: 'reopened',
      actor,
      at,
      data: { blockers: standing.blockers, reasons },
    });
  }

  return {
    outcome: {
      reviewId: review.id,
      results: [...results],
      signers: input.signers,
      state,
      reopenedAt,
      lastEvaluatedAt: input.lastEvaluatedAt,
      now: at,
      events,
      expiredWaiverIds: expired.map(w => w.id),
    },
    reopened,
  };
}
