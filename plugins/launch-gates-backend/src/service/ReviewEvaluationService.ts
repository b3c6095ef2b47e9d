import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  LAUNCH_GATES_ANNOTATIONS,
  productOwnersOf,
} from '@vigil/backstage-plugin-launch-gates-common';
import type {
  LaunchGatesStore,
  ReviewParts,
  StoredCheckResult,
  StoredReview,
} from '../database/LaunchGatesStore';
import { ownersOfEntity } from './entities';
import type { ChecksEvaluator, ReviewEvaluationCycle } from './ports';
import type { ReopenNotifier } from './ReopenNotifier';
import { checksOf } from './reviewAssembly';
import { settle, type Settlement } from './settle';

/** Who the scheduled cycle acts as in events. */
export const SCHEDULER_ACTOR = 'launch-gates:scheduler';

/** What one cycle over every review did. */
export interface CycleReport {
  reviews: number;
  evaluated: number;
  failed: number;
  reopened: number;
  durationMs: number;
}

/**
 * Runs a review's automated checks (the CheckEvaluator) and applies what
 * they found: results, events, signers refreshed from the catalog, the
 * derived state; a Go that no longer holds reopens, with a notification
 * to the product owner and the owning team. The scheduled cycle runs every
 * open, go and reopened review, `concurrency` at a time, through one
 * evaluation cycle so reviews of one entity read each source once.
 */
export class ReviewEvaluationService {
  constructor(
    private readonly options: {
      store: LaunchGatesStore;
      evaluator: ChecksEvaluator;
      catalog: CatalogService;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      notifier: ReopenNotifier;
      logger: LoggerService;
      now: () => Date;
      concurrency: number;
    },
  ) {}

  /** The entity as the catalog has it now (the plugin's own credentials). */
  async entityOf(entityRef: string): Promise<Entity | undefined> {
    return this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
  }

  /**
   * Evaluates one review's automated checks (all, or `checkIds`). Answers
   * false when the entity is no longer in the catalog (nothing is changed).
   */
  async evaluate(
    reviewId: string,
    options: {
      actor: string;
      checkIds?: string[];
      cycle?: ReviewEvaluationCycle;
    },
  ): Promise<boolean> {
    // One evaluation of a review at a time in this instance: two at once
    // (the schedule and a re-run) would both record the same changes.
    const previous = this.running.get(reviewId) ?? Promise.resolve(true);
    const run = previous
      .catch(() => false)
      .then(() => this.evaluateNow(reviewId, options));
    this.running.set(reviewId, run);
    try {
      return await run;
    } finally {
      if (this.running.get(reviewId) === run) this.running.delete(reviewId);
    }
  }

  private readonly running = new Map<string, Promise<boolean>>();

  private async evaluateNow(
    reviewId: string,
    options: {
      actor: string;
      checkIds?: string[];
      cycle?: ReviewEvaluationCycle;
    },
  ): Promise<boolean> {
    const { store } = this.options;
    const review = await store.getReview(reviewId);
    if (!review) return false;
    const entity = await this.entityOf(review.entityRef);
    if (!entity) {
      this.options.logger.warn(
        `Launch review ${review.id}: ${review.entityRef} is no longer in the catalog; its checks were not evaluated`,
      );
      return false;
    }
    const now = this.options.now();
    const cycle = options.cycle ?? this.options.evaluator.newCycle();
    const evaluated = await cycle.evaluate({
      entity,
      template: review.template,
      checkIds: options.checkIds,
      now,
    });
    const gateOf = new Map(checksOf(review).map(c => [c.check.id, c.gateId]));
    const results: StoredCheckResult[] = evaluated
      .filter(e => gateOf.has(e.checkId))
      .map(e => ({
        checkId: e.checkId,
        gateId: gateOf.get(e.checkId)!,
        status: e.status,
        summary: e.summary,
        evidence: e.evidence,
        evidenceHash: e.evidenceHash,
        evaluatedAt: e.evaluatedAt,
      }));
    const parts = (
      await store.loadReviewParts([review.id], { full: false })
    ).get(review.id)!;
    const settlement = settle({
      review,
      parts,
      results,
      now,
      actor: options.actor,
      signers: productOwnersOf(
        entity.metadata.annotations?.[LAUNCH_GATES_ANNOTATIONS.productOwner],
        review.template.spec.productOwner,
      ),
      lastEvaluatedAt: now.toISOString(),
      noticeExpiredWaivers: true,
    });
    await this.apply(review, parts, settlement, entity);
    return true;
  }

  /** Stores a settlement and, when a Go stopped holding, tells the people concerned. */
  async apply(
    review: StoredReview,
    parts: ReviewParts,
    settlement: Settlement,
    entity: Entity,
  ): Promise<void> {
    await this.options.store.saveEvaluation(settlement.outcome);
    await this.notifyIfReopened(review, parts, settlement, entity);
  }

  /** After a stored settlement: when a Go stopped holding, audit and notify. */
  async notifyIfReopened(
    review: StoredReview,
    parts: ReviewParts,
    settlement: Settlement,
    entity: Entity,
  ): Promise<void> {
    if (!settlement.reopened) return;
    await this.options.notifier.reopened({
      review,
      productOwners: settlement.outcome.signers ?? parts.signers,
      entityOwners: ownersOfEntity(entity),
      ...settlement.reopened,
    });
  }

  /** One scheduled cycle over every review whose checks still matter. */
  async evaluateAll(): Promise<CycleReport> {
    const started = Date.now();
    const ids = await this.options.store.listReviewIdsToEvaluate();
    const cycle = this.options.evaluator.newCycle();
    const report: CycleReport = {
      reviews: ids.length,
      evaluated: 0,
      failed: 0,
      reopened: 0,
      durationMs: 0,
    };
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        try {
          const before = await this.options.store.getReview(id);
          if (await this.evaluate(id, { actor: SCHEDULER_ACTOR, cycle })) {
            report.evaluated += 1;
            const after = await this.options.store.getReview(id);
            if (before?.state === 'go' && after?.state === 'reopened') {
              report.reopened += 1;
            }
          }
        } catch (error) {
          report.failed += 1;
          this.options.logger.error(
            `Launch review ${id} could not be evaluated: ${
              (error as Error).message
            }`,
          );
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.max(1, Math.min(this.options.concurrency, ids.length)) },
        worker,
      ),
    );
    report.durationMs = Date.now() - started;
    return report;
  }
}
