import { z } from 'zod';
import type { ConditionOutcome, MeasuredValue } from './passRule';

/**
 * The wire contract of the launch-gates API (`/api/launch-gates`): reviews,
 * their check results with evidence, waivers, manual answers, sign-offs and
 * reports posted by CI. The server validates requests with these schemas;
 * the frontend and the CLI read the response types.
 */

const isoTime = z.string().datetime({ offset: true });
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine(s => !s.includes('\u0000'), 'must not contain NUL characters');
const entityRefSchema = z
  .string()
  .min(3)
  .max(255)
  .regex(
    /^[a-z0-9._-]+:[a-z0-9._-]+\/[a-zA-Z0-9._-]+$/i,
    'a full entity ref, kind:namespace/name',
  );
const httpUrl = z
  .string()
  .max(2000)
  .url()
  .refine(u => /^https?:\/\//i.test(u), 'an http or https URL');

/** @public */
export const checkStatusSchema = z.enum(['pass', 'fail', 'unknown', 'pending']);
/**
 * What a check found. `pending`: not evaluated yet, or a manual check not
 * answered yet. `unknown`: the provider's source could not be read (the
 * result says why); never counted as a pass.
 * @public
 */
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/**
 * A check's status once waivers are counted: `waived` is a non-passing
 * check with an active waiver.
 * @public
 */
export type EffectiveCheckStatus = CheckStatus | 'waived';

/**
 * Where a review stands. `open`: no decision yet; `go`/`no-go`: the latest
 * sign-off; `reopened`: signed Go, then a blocking check stopped passing or
 * a waiver it relied on expired (the product owner and the owning team are
 * notified).
 * @public
 */
export const reviewStateSchema = z.enum(['open', 'go', 'no-go', 'reopened']);
/** @public */
export type ReviewState = z.infer<typeof reviewStateSchema>;

/** @public */
export interface EvidenceLink {
  title: string;
  url: string;
}

/**
 * The evidence snapshot of one evaluation: what the provider measured, how
 * the pass rule judged it, links to the sources, and when.
 * @public
 */
export interface CheckEvidence {
  measurements: Record<string, MeasuredValue>;
  outcomes: ConditionOutcome[];
  links: EvidenceLink[];
  /** Provider-specific detail (e.g. each SLO, each alert and its runbook). */
  details?: unknown;
  /** Why the status is `unknown` (the source and what went wrong). */
  reason?: string;
  /** When the source's data was taken (a report's run time, say), if not now. */
  observedAt?: string;
}

/**
 * A manual check's answer (append-only; the latest counts).
 * @public
 */
export interface ManualAnswer {
  id: string;
  reviewId: string;
  checkId: string;
  answer: 'yes' | 'no';
  comment: string;
  link: string | null;
  attachment: AttachmentSummary | null;
  answeredBy: string;
  answeredAt: string;
}

/** @public */
export interface AttachmentSummary {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/**
 * A waiver: the named check may launch without passing, for the reason
 * given, until it expires. Append-only: never edited or deleted.
 * @public
 */
export interface Waiver {
  id: string;
  reviewId: string;
  checkId: string;
  reason: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  /** sha256 of the review's evidence when the waiver was granted. */
  evidenceHash: string;
  /** Expired at the time of the answer. */
  expired: boolean;
}

/**
 * A sign-off: who decided, when, what, and on which evidence (the hash and
 * the check statuses they saw). Append-only: never edited or deleted.
 * @public
 */
export interface SignOff {
  id: string;
  reviewId: string;
  decision: 'go' | 'no-go';
  comment: string;
  signedBy: string;
  signedAt: string;
  evidenceHash: string;
  /** Each check's effective status at signing, by check id. */
  checkStatuses: Record<string, EffectiveCheckStatus>;
  /** Ids of the waivers in force at signing. */
  waiverIds: string[];
}

/** @public */
export interface CheckResult {
  gateId: string;
  checkId: string;
  title: string;
  description: string | null;
  type: 'automated' | 'manual';
  /** The provider's id (automated checks). */
  provider: string | null;
  /** The question (manual checks). */
  question: string | null;
  /** Who answers (manual checks): `owner`, `product-owner`, `sre` or a ref. */
  answeredBy: string | null;
  blocking: boolean;
  status: CheckStatus;
  effectiveStatus: EffectiveCheckStatus;
  /** One line: what was found, e.g. "p95 612 ms, peak memory 1.1 GB". */
  summary: string;
  evidence: CheckEvidence | null;
  /** The latest answer (manual checks). */
  answer: ManualAnswer | null;
  /** The active waiver naming this check, if any. */
  waiver: Waiver | null;
  evaluatedAt: string | null;
  /** sha256 of this check's evidence snapshot. */
  evidenceHash: string | null;
}

/** @public */
export interface GateResult {
  id: string;
  title: string;
  description: string | null;
  /** The worst effective status of its checks (fail, unknown, pending, waived, pass). */
  status: EffectiveCheckStatus;
  checks: CheckResult[];
}

/** @public */
export interface ReviewCounts {
  pass: number;
  fail: number;
  unknown: number;
  pending: number;
  waived: number;
}

/**
 * A review as lists show it.
 * @public
 */
export interface ReviewSummary {
  id: string;
  entityRef: string;
  title: string;
  templateName: string;
  templateTitle: string;
  /** Target launch date, YYYY-MM-DD. */
  targetDate: string;
  state: ReviewState;
  /** Refs of who may sign (the entity's product owner). */
  productOwners: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastEvaluatedAt: string | null;
  /** Optimistic concurrency: send it back with an edit. */
  revision: number;
  counts: ReviewCounts;
  /** Ids of the blocking checks that neither pass nor are waived. */
  blockers: string[];
  latestSignOff: SignOff | null;
}

/**
 * One review with every gate, check, waiver and sign-off.
 * @public
 */
export interface ReviewDetail extends ReviewSummary {
  gates: GateResult[];
  /** Every waiver ever granted on the review, newest first. */
  waivers: Waiver[];
  /** Every sign-off, newest first. */
  signOffs: SignOff[];
  /**
   * sha256 of the review's current evidence (every check's status and
   * evidence hash, the active waivers): a sign-off sends back the one it saw.
   */
  evidenceHash: string;
  /** The review's history: opened, status changes, waivers, sign-offs, reopenings. */
  events: ReviewEvent[];
}

/** @public */
export interface ReviewEvent {
  id: string;
  reviewId: string;
  type:
    | 'opened'
    | 'edited'
    | 'check-changed'
    | 'answered'
    | 'waived'
    | 'waiver-expired'
    | 'signed'
    | 'reopened';
  actor: string;
  at: string;
  /** e.g. `{ checkId, from, to }` for check-changed. */
  data: Record<string, unknown>;
}

/** @public */
export interface ReviewList {
  items: ReviewSummary[];
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * A template as the API lists it, with the problems of files that did not
 * validate (shown, never used).
 * @public
 */
export interface TemplateListing {
  name: string;
  title: string;
  description: string | null;
  source: string;
  gates: Array<{ id: string; title: string; checks: number }>;
}

// ---- Requests ---------------------------------------------------------------

/** `POST /reviews` @public */
export const openReviewRequestSchema = z
  .object({
    entityRef: entityRefSchema,
    /** Default: the entity's `vigil.dev/launch-template`, else `default`. */
    templateName: z.string().min(1).max(60).optional(),
    title: text(200).pipe(z.string().min(1)).optional(),
    targetDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD'),
  })
  .strict();
/** @public */
export type OpenReviewRequest = z.infer<typeof openReviewRequestSchema>;

/** `PATCH /reviews/{id}` @public */
export const editReviewRequestSchema = z
  .object({
    revision: z.number().int().min(1),
    title: text(200).pipe(z.string().min(1)).optional(),
    targetDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date, YYYY-MM-DD')
      .optional(),
  })
  .strict();
/** @public */
export type EditReviewRequest = z.infer<typeof editReviewRequestSchema>;

/** `POST /reviews/{id}/waivers`: a reason and an expiry are required. @public */
export const createWaiverRequestSchema = z
  .object({
    checkId: z.string().min(1).max(60),
    reason: text(2000).pipe(
      z.string().trim().min(10, 'a reason of at least 10 characters'),
    ),
    expiresAt: isoTime,
  })
  .strict();
/** @public */
export type CreateWaiverRequest = z.infer<typeof createWaiverRequestSchema>;

/** `POST /reviews/{id}/sign-offs` @public */
export const createSignOffRequestSchema = z
  .object({
    decision: z.enum(['go', 'no-go']),
    comment: text(4000).pipe(z.string().trim().min(1, 'a comment is required')),
    /** The review's `evidenceHash` the signer saw; 409 if it has changed since. */
    evidenceHash: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex'),
  })
  .strict();
/** @public */
export type CreateSignOffRequest = z.infer<typeof createSignOffRequestSchema>;

/** `POST /reviews/{id}/checks/{checkId}/answers` @public */
export const answerCheckRequestSchema = z
  .object({
    answer: z.enum(['yes', 'no']),
    comment: text(4000).pipe(z.string().trim().min(1, 'a comment is required')),
    link: httpUrl.optional(),
    /** An attachment uploaded to the same review first. */
    attachmentId: z.string().uuid().optional(),
  })
  .strict();
/** @public */
export type AnswerCheckRequest = z.infer<typeof answerCheckRequestSchema>;

/** The largest attachment the API takes, in bytes (before base64). @public */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** `POST /reviews/{id}/attachments` @public */
export const uploadAttachmentRequestSchema = z
  .object({
    filename: text(200).pipe(
      z
        .string()
        .min(1)
        .regex(/^[^/\\]+$/, 'a file name without a path'),
    ),
    contentType: z
      .string()
      .max(100)
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/pdf'),
    /** The file, base64-encoded; at most MAX_ATTACHMENT_BYTES decoded. */
    contentBase64: z
      .string()
      .min(1)
      .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  })
  .strict();
/** @public */
export type UploadAttachmentRequest = z.infer<
  typeof uploadAttachmentRequestSchema
>;

/** `GET /reviews` @public */
export const listReviewsQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    state: z
      .union([reviewStateSchema, z.array(reviewStateSchema).max(4)])
      .optional(),
    /** Only reviews the caller may sign that await a decision (open or reopened). */
    awaitingMe: z.enum(['true', 'false']).optional(),
    /** Target date on or after (YYYY-MM-DD). */
    targetFrom: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .strict();
/** @public */
export type ListReviewsQuery = z.infer<typeof listReviewsQuerySchema>;

// ---- Reports posted by CI ----------------------------------------------------

/**
 * A load-test run's figures, as `loadtest/scoring-api.mjs --report` writes
 * them under `validation/load-tests/` or CI posts them.
 * @public
 */
export const loadTestReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('load-test'),
    entityRef: entityRefSchema,
    ranAt: isoTime,
    tool: text(100),
    /** What was driven: target URL, rate or connections, duration. */
    load: z.record(z.union([z.string().max(500), z.number()])),
    requests: z.number().int().min(0),
    errors: z.number().int().min(0),
    latencyMs: z
      .object({ p50: z.number(), p95: z.number(), p99: z.number() })
      .strict(),
    /** Peak resident memory of the service under load, in bytes. */
    peakMemoryBytes: z.number().min(0),
    commit: z.string().max(40).optional(),
    version: z.string().max(100).optional(),
  })
  .strict();
/** @public */
export type LoadTestReport = z.infer<typeof loadTestReportSchema>;

/** @public */
export const securityFindingSchema = z
  .object({
    scanner: text(100),
    severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
    title: text(500),
    location: text(500).optional(),
  })
  .strict();
/** @public */
export type SecurityFinding = z.infer<typeof securityFindingSchema>;

/**
 * A security scan's result for an entity, as `scripts/security-scan.mjs`
 * writes it under `validation/security/` or CI posts it.
 * @public
 */
export const securityScanReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('security-scan'),
    entityRef: entityRefSchema,
    ranAt: isoTime,
    /** Each scanner that ran and whether it completed. */
    scanners: z
      .array(
        z
          .object({
            name: text(100),
            version: text(50).optional(),
            completed: z.boolean(),
            error: text(1000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
    findings: z.array(securityFindingSchema).max(10000),
    commit: z.string().max(40).optional(),
  })
  .strict();
/** @public */
export type SecurityScanReport = z.infer<typeof securityScanReportSchema>;

/** `POST /reports` body: either report. @public */
export const postReportRequestSchema = z.discriminatedUnion('kind', [
  loadTestReportSchema,
  securityScanReportSchema,
]);
/** @public */
export type PostedReport = z.infer<typeof postReportRequestSchema>;

/** A report as stored and listed. @public */
export interface StoredReport {
  id: string;
  entityRef: string;
  kind: 'load-test' | 'security-scan';
  ranAt: string;
  postedBy: string;
  postedAt: string;
  report: PostedReport;
}
