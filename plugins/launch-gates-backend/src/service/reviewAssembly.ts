import {
  activeWaiverFor,
  type AttachmentSummary,
  blockersOf,
  type CheckResult,
  type CheckTemplate,
  countStatuses,
  effectiveStatus,
  type EffectiveCheckStatus,
  type GateResult,
  isWaiverActive,
  type ManualAnswer,
  type ReviewDetail,
  type ReviewEvent,
  reviewEvidenceDocument,
  type ReviewSummary,
  type Waiver,
  worstStatus,
} from '@vigil/backstage-plugin-launch-gates-common';
import type {
  ReviewParts,
  StoredAttachment,
  StoredCheckResult,
  StoredReview,
  StoredWaiver,
} from '../database/LaunchGatesStore';
import { sha256OfJson } from '../evaluation/hash';

/*
 * A review as the API answers it, assembled from its row and parts: the
 * template snapshot gives the gates and checks, the stored results their
 * status, waivers and the readiness rules of launch-gates-common the rest.
 * Pure: the clock is an argument.
 */

/** Every check of a template, in order, with its gate. */
export function checksOf(
  review: Pick<StoredReview, 'template'>,
): Array<{ gateId: string; check: CheckTemplate }> {
  return review.template.spec.gates.flatMap(gate =>
    gate.checks.map(check => ({ gateId: gate.id, check })),
  );
}

/** What a check shows before it is evaluated or answered. */
export function pendingResult(
  gateId: string,
  check: CheckTemplate,
): StoredCheckResult {
  return {
    checkId: check.id,
    gateId,
    status: 'pending',
    summary: check.type === 'manual' ? 'Not answered yet' : 'Not evaluated yet',
    evidence: null,
    evidenceHash: null,
    evaluatedAt: null,
  };
}

export function waiverOnWire(waiver: StoredWaiver, now: Date): Waiver {
  const { expiryNoticedAt: _noticed, ...rest } = waiver;
  return { ...rest, expired: !isWaiverActive(waiver, now) };
}

const attachmentOnWire = ({
  reviewId: _reviewId,
  ...summary
}: StoredAttachment): AttachmentSummary => summary;

/**
 * Where a review stands: each check's result and effective status, the
 * blockers, the active waivers and the evidence hash a sign-off must name.
 */
export interface ReviewStanding {
  checks: CheckResult[];
  blockers: string[];
  activeWaiverIds: string[];
  evidenceHash: string;
  checkStatuses: Record<string, EffectiveCheckStatus>;
}

export function standingOf(
  review: StoredReview,
  parts: ReviewParts,
  now: Date,
  overrides: readonly StoredCheckResult[] = [],
): ReviewStanding {
  const results = new Map(parts.results.map(r => [r.checkId, r]));
  for (const result of overrides) results.set(result.checkId, result);
  const answers = new Map(parts.answers.map(a => [a.checkId, a]));
  const attachments = new Map(parts.attachments.map(a => [a.id, a]));
  const activeWaiverIds: string[] = [];
  const checks = checksOf(review).map(({ gateId, check }): CheckResult => {
    const result = results.get(check.id) ?? pendingResult(gateId, check);
    const waiver = activeWaiverFor(parts.waivers, check.id, now);
    const status = effectiveStatus(result.status, waiver !== undefined);
    if (waiver && status === 'waived') activeWaiverIds.push(waiver.id);
    const stored = answers.get(check.id);
    const attachment = stored?.attachmentId
      ? attachments.get(stored.attachmentId)
      : undefined;
    const answer: ManualAnswer | null = stored
      ? {
          id: stored.id,
          reviewId: stored.reviewId,
          checkId: stored.checkId,
          answer: stored.answer,
          comment: stored.comment,
          link: stored.link,
          attachment: attachment ? attachmentOnWire(attachment) : null,
          answeredBy: stored.answeredBy,
          answeredAt: stored.answeredAt,
        }
      : null;
    return {
      gateId,
      checkId: check.id,
      title: check.title,
      description: check.description ?? null,
      type: check.type,
      provider: check.type === 'automated' ? check.provider : null,
      question: check.type === 'manual' ? check.question : null,
      answeredBy: check.type === 'manual' ? check.answeredBy : null,
      blocking: check.blocking,
      status: result.status,
      effectiveStatus: status,
      summary: result.summary,
      evidence: result.evidence,
      answer,
      waiver: waiver && status === 'waived' ? waiverOnWire(waiver, now) : null,
      evaluatedAt: result.evaluatedAt,
      evidenceHash: result.evidenceHash,
    };
  });
  return {
    checks,
    blockers: blockersOf(checks),
    activeWaiverIds,
    evidenceHash: sha256OfJson(
      reviewEvidenceDocument({
        reviewId: review.id,
        checks,
        activeWaiverIds,
      }),
    ),
    checkStatuses: Object.fromEntries(
      checks.map(c => [c.checkId, c.effectiveStatus]),
    ),
  };
}

export function summaryOf(
  review: StoredReview,
  parts: ReviewParts,
  standing: ReviewStanding,
): ReviewSummary {
  return {
    id: review.id,
    entityRef: review.entityRef,
    title: review.title,
    templateName: review.templateName,
    templateTitle: review.templateTitle,
    targetDate: review.targetDate,
    state: review.state,
    productOwners: parts.signers,
    createdBy: review.createdBy,
    createdAt: review.createdAt,
    updatedAt: review.updatedAt,
    lastEvaluatedAt: review.lastEvaluatedAt,
    revision: review.revision,
    counts: countStatuses(standing.checks.map(c => c.effectiveStatus)),
    blockers: standing.blockers,
    latestSignOff: parts.signOffs[0] ?? null,
  };
}

export function detailOf(
  review: StoredReview,
  parts: ReviewParts,
  events: ReviewEvent[],
  now: Date,
): ReviewDetail {
  const standing = standingOf(review, parts, now);
  const byCheck = new Map(standing.checks.map(c => [c.checkId, c]));
  const gates = review.template.spec.gates.map((gate): GateResult => {
    const checks = gate.checks.map(c => byCheck.get(c.id)!);
    return {
      id: gate.id,
      title: gate.title,
      description: gate.description ?? null,
      status: worstStatus(checks.map(c => c.effectiveStatus)),
      checks,
    };
  });
  return {
    ...summaryOf(review, parts, standing),
    gates,
    waivers: parts.waivers.map(w => waiverOnWire(w, now)),
    signOffs: parts.signOffs,
    evidenceHash: standing.evidenceHash,
    events,
  };
}
