import { z } from 'zod';
import { describeCondition } from './passRule';
import type { CheckResult, ReviewDetail } from './records';
import { comparisonSchema } from './template';

/**
 * The evidence export of a launch review: one versioned JSON document with
 * the review, every gate and check (status, summary, evidence, the pass
 * rule's outcomes in words), the answers, waivers, sign-offs and events.
 * `GET /reviews/{id}/export` answers it and `yarn vigil-gates export` writes
 * it under `validation/launch-reviews/` (its README documents each field).
 * renderReviewMarkdown (exportMarkdown.ts) turns it into the record people read.
 */

const isoTime = z.string().datetime({ offset: true });
const measuredValueSchema = z.union([z.number(), z.boolean(), z.string()]);
const effectiveStatusSchema = z.enum([
  'pass',
  'fail',
  'unknown',
  'pending',
  'waived',
]);

const outcomeSchema = z
  .object({
    measure: z.string(),
    op: comparisonSchema,
    target: measuredValueSchema,
    actual: measuredValueSchema.nullable(),
    passed: z.boolean().nullable(),
    stretch: z.number().optional(),
    stretchMet: z.boolean().nullable().optional(),
    /** The condition in words, e.g. `p95Ms 612 <= 800 (stretch 600: missed)`. */
    description: z.string(),
  })
  .strict();

const attachmentSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int().min(0),
    sha256: z.string(),
    uploadedBy: z.string(),
    uploadedAt: isoTime,
  })
  .strict();

const answerSchema = z
  .object({
    id: z.string(),
    checkId: z.string(),
    answer: z.enum(['yes', 'no']),
    comment: z.string(),
    link: z.string().nullable(),
    attachment: attachmentSchema.nullable(),
    answeredBy: z.string(),
    answeredAt: isoTime,
  })
  .strict();

const waiverSchema = z
  .object({
    id: z.string(),
    checkId: z.string(),
    reason: z.string(),
    expiresAt: isoTime,
    createdBy: z.string(),
    createdAt: isoTime,
    evidenceHash: z.string(),
    /** Expired when the export was made. */
    expired: z.boolean(),
  })
  .strict();

const signOffSchema = z
  .object({
    id: z.string(),
    decision: z.enum(['go', 'no-go']),
    comment: z.string(),
    signedBy: z.string(),
    signedAt: isoTime,
    evidenceHash: z.string(),
    checkStatuses: z.record(effectiveStatusSchema),
    waiverIds: z.array(z.string()),
  })
  .strict();

const exportedCheckSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    type: z.enum(['automated', 'manual']),
    provider: z.string().nullable(),
    question: z.string().nullable(),
    answeredBy: z.string().nullable(),
    blocking: z.boolean(),
    status: z.enum(['pass', 'fail', 'unknown', 'pending']),
    effectiveStatus: effectiveStatusSchema,
    summary: z.string(),
    evaluatedAt: isoTime.nullable(),
    evidenceHash: z.string().nullable(),
    /** null until the check has been evaluated (or a manual one answered). */
    evidence: z
      .object({
        measurements: z.record(measuredValueSchema.nullable()),
        outcomes: z.array(outcomeSchema),
        links: z.array(
          z.object({ title: z.string(), url: z.string() }).strict(),
        ),
        reason: z.string().nullable(),
        observedAt: z.string().nullable(),
        /** Provider-specific detail, as the provider recorded it. */
        details: z.unknown().optional(),
      })
      .strict()
      .nullable(),
    /** Id of the active waiver naming the check (in `waivers`), if any. */
    waiverId: z.string().nullable(),
    /** Id of the answer that counts (in `answers`), manual checks only. */
    answerId: z.string().nullable(),
  })
  .strict();

/**
 * The export document's schema (version 1). Additive changes keep the
 * version; anything else bumps it.
 * @public
 */
export const reviewExportSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('launch-review'),
    exportedAt: isoTime,
    exportedBy: z.string(),
    review: z
      .object({
        id: z.string(),
        entityRef: z.string(),
        entityTitle: z.string().nullable(),
        title: z.string(),
        templateName: z.string(),
        templateTitle: z.string(),
        targetDate: z.string(),
        state: z.enum(['open', 'go', 'no-go', 'reopened']),
        productOwners: z.array(z.string()),
        createdBy: z.string(),
        createdAt: isoTime,
        updatedAt: isoTime,
        lastEvaluatedAt: isoTime.nullable(),
        revision: z.number().int(),
        evidenceHash: z.string(),
        counts: z
          .object({
            pass: z.number().int(),
            fail: z.number().int(),
            unknown: z.number().int(),
            pending: z.number().int(),
            waived: z.number().int(),
          })
          .strict(),
        blockers: z.array(z.string()),
      })
      .strict(),
    /** The latest sign-off's decision; null before anyone signed. */
    decision: z
      .object({
        decision: z.enum(['go', 'no-go']),
        signedBy: z.string(),
        signedAt: isoTime,
        signOffId: z.string(),
      })
      .strict()
      .nullable(),
    gates: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          description: z.string().nullable(),
          status: effectiveStatusSchema,
          checks: z.array(exportedCheckSchema),
        })
        .strict(),
    ),
    /** The answer that counts for each answered manual check. */
    answers: z.array(answerSchema),
    /** Every waiver ever granted, newest first. */
    waivers: z.array(waiverSchema),
    /** Every sign-off, newest first. */
    signOffs: z.array(signOffSchema),
    /** The review's history, as the API lists it. */
    events: z.array(
      z
        .object({
          id: z.string(),
          type: z.string(),
          actor: z.string(),
          at: isoTime,
          data: z.record(z.unknown()),
        })
        .strict(),
    ),
  })
  .strict();

/** @public */
export type ReviewExport = z.infer<typeof reviewExportSchema>;

/** @public */
export type ExportedCheck = ReviewExport['gates'][number]['checks'][number];

function exportCheck(check: CheckResult): ExportedCheck {
  const { evidence } = check;
  return {
    id: check.checkId,
    title: check.title,
    description: check.description,
    type: check.type,
    provider: check.provider,
    question: check.question,
    answeredBy: check.answeredBy,
    blocking: check.blocking,
    status: check.status,
    effectiveStatus: check.effectiveStatus,
    summary: check.summary,
    evaluatedAt: check.evaluatedAt,
    evidenceHash: check.evidenceHash,
    evidence: evidence
      ? {
          measurements: { ...evidence.measurements },
          outcomes: evidence.outcomes.map(outcome => ({
            ...outcome,
            description: describeCondition(outcome),
          })),
          links: evidence.links.map(({ title, url }) => ({ title, url })),
          reason: evidence.reason ?? null,
          observedAt: evidence.observedAt ?? null,
          ...(evidence.details !== undefined
            ? { details: evidence.details }
            : {}),
        }
      : null,
    waiverId: check.waiver?.id ?? null,
    answerId: check.answer?.id ?? null,
  };
}

/**
 * The export document of a review as the API answers it. `exportedBy` is
 * the caller's ref; `entityTitle` the catalog entity's title, when it has one.
 * @public
 */
export function buildReviewExport(
  detail: ReviewDetail,
  meta: { exportedAt: string; exportedBy: string; entityTitle?: string },
): ReviewExport {
  const latest = detail.signOffs[0] ?? detail.latestSignOff;
  const checks = detail.gates.flatMap(gate => gate.checks);
  return {
    schemaVersion: 1,
    kind: 'launch-review',
    exportedAt: meta.exportedAt,
    exportedBy: meta.exportedBy,
    review: {
      id: detail.id,
      entityRef: detail.entityRef,
      entityTitle: meta.entityTitle ?? null,
      title: detail.title,
      templateName: detail.templateName,
      templateTitle: detail.templateTitle,
      targetDate: detail.targetDate,
      state: detail.state,
      productOwners: [...detail.productOwners],
      createdBy: detail.createdBy,
      createdAt: detail.createdAt,
      updatedAt: detail.updatedAt,
      lastEvaluatedAt: detail.lastEvaluatedAt,
      revision: detail.revision,
      evidenceHash: detail.evidenceHash,
      counts: { ...detail.counts },
      blockers: [...detail.blockers],
    },
    decision: latest
      ? {
          decision: latest.decision,
          signedBy: latest.signedBy,
          signedAt: latest.signedAt,
          signOffId: latest.id,
        }
      : null,
    gates: detail.gates.map(gate => ({
      id: gate.id,
      title: gate.title,
      description: gate.description,
      status: gate.status,
      checks: gate.checks.map(exportCheck),
    })),
    answers: checks.flatMap(check =>
      check.answer
        ? [
            {
              id: check.answer.id,
              checkId: check.answer.checkId,
              answer: check.answer.answer,
              comment: check.answer.comment,
              link: check.answer.link,
              attachment: check.answer.attachment
                ? { ...check.answer.attachment }
                : null,
              answeredBy: check.answer.answeredBy,
              answeredAt: check.answer.answeredAt,
            },
          ]
        : [],
    ),
    waivers: detail.waivers.map(w => ({
      id: w.id,
      checkId: w.checkId,
      reason: w.reason,
      expiresAt: w.expiresAt,
      createdBy: w.createdBy,
      createdAt: w.createdAt,
      evidenceHash: w.evidenceHash,
      expired: w.expired,
    })),
    signOffs: detail.signOffs.map(s => ({
      id: s.id,
      decision: s.decision,
      comment: s.comment,
      signedBy: s.signedBy,
      signedAt: s.signedAt,
      evidenceHash: s.evidenceHash,
      checkStatuses: { ...s.checkStatuses },
      waiverIds: [...s.waiverIds],
    })),
    events: detail.events.map(e => ({
      id: e.id,
      type: e.type,
      actor: e.actor,
      at: e.at,
      data: { ...e.data },
    })),
  };
}

export { renderReviewMarkdown } from './exportMarkdown';
