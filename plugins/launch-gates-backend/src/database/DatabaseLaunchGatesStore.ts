import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { pluginMigrations } from '@vigil/backend-kit';
import type {
  PostedReport,
  ReviewEvent,
  SignOff,
  StoredReport,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { Knex } from 'knex';
import type {
  EvaluationOutcome,
  LaunchGatesStore,
  NewAnswer,
  NewReview,
  NewSignOff,
  NewWaiver,
  ReportListQuery,
  ReviewEdit,
  ReviewListQuery,
  ReviewParts,
  StoredAnswer,
  StoredAttachment,
  StoredReview,
  StoredWaiver,
} from './LaunchGatesStore';
import { recordAnswer } from './operations/answers/recordAnswer';
import { createAttachment } from './operations/attachments/createAttachment';
import { getAttachment } from './operations/attachments/getAttachment';
import { listEvents } from './operations/events/listEvents';
import { createReport } from './operations/reports/createReport';
import { listReports } from './operations/reports/listReports';
import { createReview } from './operations/reviews/createReview';
import { editReview } from './operations/reviews/editReview';
import { findUndecidedReview } from './operations/reviews/findUndecidedReview';
import { getReview } from './operations/reviews/getReview';
import { listEntityRefs } from './operations/reviews/listEntityRefs';
import { listReviewIdsToEvaluate } from './operations/reviews/listReviewIdsToEvaluate';
import { listReviews } from './operations/reviews/listReviews';
import { loadReviewParts } from './operations/reviews/loadReviewParts';
import { saveEvaluation } from './operations/reviews/saveEvaluation';
import { createSignOff } from './operations/signOffs/createSignOff';
import type { StoreInternals } from './operations/StoreInternals';
import { createWaiver } from './operations/waivers/createWaiver';

/** The plugin's migrations (`migrations/`). */
export const launchGatesMigrations = pluginMigrations(
  '@vigil/backstage-plugin-launch-gates-backend',
);

/**
 * {@link LaunchGatesStore} on the plugin's database (SQLite or PostgreSQL):
 * a facade over the operations in `./operations/<area>/<verb>.ts`.
 */
export class DatabaseLaunchGatesStore implements LaunchGatesStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseLaunchGatesStore> {
    return new DatabaseLaunchGatesStore(
      await launchGatesMigrations.client(options.database, options),
    );
  }

  /** What the operations use of this store. */
  private readonly internals: StoreInternals;

  constructor(db: Knex) {
    this.internals = {
      db,
      isPostgres: String(db.client.config.client).includes('pg'),
      newId: randomUUID,
    };
  }

  createReview(input: NewReview): Promise<StoredReview> {
    return createReview(this.internals, input);
  }

  getReview(id: string): Promise<StoredReview | undefined> {
    return getReview(this.internals, id);
  }

  findUndecidedReview(entityRef: string): Promise<StoredReview | undefined> {
    return findUndecidedReview(this.internals, entityRef);
  }

  listReviews(
    query: ReviewListQuery,
  ): Promise<{ items: StoredReview[]; totalCount: number }> {
    return listReviews(this.internals, query);
  }

  listReviewIdsToEvaluate(): Promise<string[]> {
    return listReviewIdsToEvaluate(this.internals);
  }

  editReview(edit: ReviewEdit): Promise<StoredReview | 'conflict' | undefined> {
    return editReview(this.internals, edit);
  }

  loadReviewParts(
    reviewIds: readonly string[],
    options: { full: boolean },
  ): Promise<Map<string, ReviewParts>> {
    return loadReviewParts(this.internals, reviewIds, options);
  }

  listEvents(reviewId: string): Promise<ReviewEvent[]> {
    return listEvents(this.internals, reviewId);
  }

  saveEvaluation(outcome: EvaluationOutcome): Promise<void> {
    return saveEvaluation(this.internals, outcome);
  }

  recordAnswer(input: NewAnswer): Promise<StoredAnswer> {
    return recordAnswer(this.internals, input);
  }

  createAttachment(
    attachment: Omit<StoredAttachment, 'id'> & { content: Buffer },
  ): Promise<StoredAttachment> {
    return createAttachment(this.internals, attachment);
  }

  getAttachment(
    reviewId: string,
    id: string,
  ): Promise<(StoredAttachment & { content: Buffer }) | undefined> {
    return getAttachment(this.internals, reviewId, id);
  }

  createWaiver(input: NewWaiver): Promise<StoredWaiver> {
    return createWaiver(this.internals, input);
  }

  createSignOff(input: NewSignOff): Promise<SignOff> {
    return createSignOff(this.internals, input);
  }

  listEntityRefs(): Promise<string[]> {
    return listEntityRefs(this.internals);
  }

  createReport(input: {
    report: PostedReport;
    entityRef: string;
    postedBy: string;
    postedAt: string;
  }): Promise<StoredReport> {
    return createReport(this.internals, input);
  }

  listReports(
    query: ReportListQuery,
  ): Promise<{ items: StoredReport[]; totalCount: number }> {
    return listReports(this.internals, query);
  }
}
