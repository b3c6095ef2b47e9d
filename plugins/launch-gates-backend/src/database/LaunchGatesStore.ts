import type {
  AttachmentSummary,
  CheckEvidence,
  CheckStatus,
  EffectiveCheckStatus,
  ReviewEvent,
  ReviewState,
  ReviewTemplate,
  SignOff,
  StoredReport,
  PostedReport,
} from '@vigil/backstage-plugin-launch-gates-common';

/*
 * Storage of launch reviews. Instants are ISO strings here and on the wire
 * (epoch milliseconds in the database). Answers, attachments, waivers,
 * sign-offs and events are append-only: this interface can add them and
 * read them, never change or remove one (the store tests assert it).
 */

/** A review's own row. */
export interface StoredReview {
  id: string;
  entityRef: string;
  title: string;
  templateName: string;
  templateTitle: string;
  /** The template as it was when the review was opened. */
  template: ReviewTemplate;
  targetDate: string;
  state: ReviewState;
  reopenedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  lastEvaluatedAt: string | null;
  revision: number;
}

/** The current result of one check of a review. */
export interface StoredCheckResult {
  checkId: string;
  gateId: string;
  status: CheckStatus;
  summary: string;
  evidence: CheckEvidence | null;
  evidenceHash: string | null;
  evaluatedAt: string | null;
}

/** A manual answer as stored (its attachment by id). */
export interface StoredAnswer {
  id: string;
  reviewId: string;
  checkId: string;
  answer: 'yes' | 'no';
  comment: string;
  link: string | null;
  attachmentId: string | null;
  answeredBy: string;
  answeredAt: string;
}

export interface StoredWaiver {
  id: string;
  reviewId: string;
  checkId: string;
  reason: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  evidenceHash: string;
  /** When the scheduled cycle noticed it had expired (once). */
  expiryNoticedAt: string | null;
}

export interface StoredAttachment extends AttachmentSummary {
  reviewId: string;
}

/** An event to append (its id and order are the store's). */
export type NewEvent = Omit<ReviewEvent, 'id'>;

/**
 * What a review is made of besides its row, loaded for many reviews at once
 * (one query per table, never one per review).
 */
export interface ReviewParts {
  signers: string[];
  results: StoredCheckResult[];
  /** Every waiver, newest first. */
  waivers: StoredWaiver[];
  /** Every sign-off newest first (`full`), else only the latest. */
  signOffs: SignOff[];
  /** The latest answer per manual check (`full` only). */
  answers: StoredAnswer[];
  /** The attachments the latest answers name (`full` only). */
  attachments: StoredAttachment[];
}

export interface NewReview {
  review: StoredReview;
  results: StoredCheckResult[];
  signers: string[];
  event: NewEvent;
}

export interface ReviewListQuery {
  /** Only these entities (undefined: all); `[]` matches nothing. */
  entityRefs?: readonly string[];
  states?: readonly ReviewState[];
  /** Only reviews one of these refs may sign. */
  signerRefs?: readonly string[];
  /** Target date on or after (YYYY-MM-DD). */
  targetFrom?: string;
  limit: number;
  offset: number;
}

export interface ReviewEdit {
  id: string;
  revision: number;
  title?: string;
  targetDate?: string;
  now: string;
  event: NewEvent;
}

/** What one evaluation (or a recomputation after an answer) changes. */
export interface EvaluationOutcome {
  reviewId: string;
  /** Results to write (each replaces the check's current one). */
  results: StoredCheckResult[];
  /** The signer refs now (undefined: unchanged). */
  signers?: string[];
  state: ReviewState;
  reopenedAt: string | null;
  /** Set when automated checks ran. */
  lastEvaluatedAt?: string;
  now: string;
  events: NewEvent[];
  /** Waivers whose expiry this outcome noticed. */
  expiredWaiverIds: string[];
}

export interface NewAnswer {
  answer: Omit<StoredAnswer, 'id'>;
  outcome: EvaluationOutcome;
}

export interface NewWaiver {
  waiver: Omit<StoredWaiver, 'id' | 'expiryNoticedAt'>;
  event: NewEvent;
}

export interface NewSignOff {
  signOff: Omit<SignOff, 'id'>;
  state: ReviewState;
  event: NewEvent;
}

export interface ReportListQuery {
  entityRefs?: readonly string[];
  kind?: StoredReport['kind'];
  limit: number;
  offset: number;
}

export interface LaunchGatesStore {
  createReview(input: NewReview): Promise<StoredReview>;
  getReview(id: string): Promise<StoredReview | undefined>;
  /** The entity's review awaiting a decision (open or reopened), if any. */
  findUndecidedReview(entityRef: string): Promise<StoredReview | undefined>;
  /** One page, target date ascending then newest first, filtered and counted in the database. */
  listReviews(
    query: ReviewListQuery,
  ): Promise<{ items: StoredReview[]; totalCount: number }>;
  /** Ids of the reviews the scheduled cycle re-evaluates (open, go, reopened). */
  listReviewIdsToEvaluate(): Promise<string[]>;
  /** Compare-and-set on `revision`; undefined when missing. */
  editReview(edit: ReviewEdit): Promise<StoredReview | 'conflict' | undefined>;
  /** Signers, results, waivers, sign-offs (and answers when `full`) of many reviews. */
  loadReviewParts(
    reviewIds: readonly string[],
    options: { full: boolean },
  ): Promise<Map<string, ReviewParts>>;
  listEvents(reviewId: string): Promise<ReviewEvent[]>;
  saveEvaluation(outcome: EvaluationOutcome): Promise<void>;
  recordAnswer(input: NewAnswer): Promise<StoredAnswer>;
  createAttachment(
    attachment: Omit<StoredAttachment, 'id'> & { content: Buffer },
  ): Promise<StoredAttachment>;
  getAttachment(
    reviewId: string,
    id: string,
  ): Promise<(StoredAttachment & { content: Buffer }) | undefined>;
  createWaiver(input: NewWaiver): Promise<StoredWaiver>;
  createSignOff(input: NewSignOff): Promise<SignOff>;
  /** Every entity ref with reviews or reports (what the visibility cache asks the catalog about). */
  listEntityRefs(): Promise<string[]>;
  createReport(input: {
    report: PostedReport;
    entityRef: string;
    postedBy: string;
    postedAt: string;
  }): Promise<StoredReport>;
  listReports(
    query: ReportListQuery,
  ): Promise<{ items: StoredReport[]; totalCount: number }>;
}

/** Check statuses at signing, as a sign-off stores them. */
export type CheckStatuses = Record<string, EffectiveCheckStatus>;
