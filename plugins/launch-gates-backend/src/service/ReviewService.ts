import { randomUUID } from 'node:crypto';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  actorOf,
  isVisible,
  type ReadableEntitiesCache,
} from '@vigil/backend-kit';
import {
  DEFAULT_TEMPLATE_NAME,
  type EditReviewRequest,
  LAUNCH_GATES_ANNOTATIONS,
  launchGatesReviewCreatePermission,
  launchGatesReviewEvaluatePermission,
  type ListReviewsQuery,
  type OpenReviewRequest,
  productOwnersOf,
  type ReviewDetail,
  type ReviewList,
  type ReviewState,
} from '@vigil/backstage-plugin-launch-gates-common';
import type {
  LaunchGatesStore,
  StoredReview,
} from '../database/LaunchGatesStore';
import { normaliseEntityRef } from './entities';
import type { LaunchGatesAuthorizer } from './LaunchGatesAuthorizer';
import type { TemplateSource } from './ports';
import {
  checksOf,
  detailOf,
  pendingResult,
  standingOf,
  summaryOf,
} from './reviewAssembly';
import type { ReviewEvaluationService } from './ReviewEvaluationService';

type Credentials = BackstageCredentials;

const UNDECIDED: ReviewState[] = ['open', 'reopened'];

/** A 400 unless `date` (YYYY-MM-DD) is a day of the calendar. */
function requireCalendarDate(date: string, what: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== date
  ) {
    throw new InputError(
      `Invalid ${what}: targetDate: ${date} is not a day of the calendar`,
    );
  }
}

/**
 * Reviews: opening one for a catalog entity from a template, reading and
 * listing them (as visible as their entity: catalog read permission),
 * editing the title and target date (optimistic concurrency) and running
 * the automated checks on demand.
 */
export class ReviewService {
  /** Evaluations started in the background (awaited at shutdown). */
  private readonly background = new Set<Promise<void>>();

  constructor(
    private readonly options: {
      store: LaunchGatesStore;
      templates: TemplateSource;
      evaluation: ReviewEvaluationService;
      authorizer: LaunchGatesAuthorizer;
      catalog: CatalogService;
      visibility: Pick<ReadableEntitiesCache, 'readableEntityRefs'>;
      logger: LoggerService;
      now: () => Date;
    },
  ) {}

  /** The entity as the caller may read it; a 404 otherwise. */
  async readableEntity(
    entityRef: string,
    credentials: Credentials,
  ): Promise<{ entity: Entity; entityRef: string }> {
    const normalised = normaliseEntityRef(entityRef);
    const entity = normalised
      ? await this.options.catalog.getEntityByRef(normalised, { credentials })
      : undefined;
    if (!entity || !normalised) {
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog (or you may not read it)`,
      );
    }
    return { entity, entityRef: normalised };
  }

  async open(
    request: OpenReviewRequest,
    credentials: Credentials,
  ): Promise<ReviewDetail> {
    const { store, templates, authorizer } = this.options;
    requireCalendarDate(request.targetDate, 'review');
    const { entity, entityRef } = await this.readableEntity(
      request.entityRef,
      credentials,
    );
    await authorizer.require(
      launchGatesReviewCreatePermission,
      entityRef,
      credentials,
      'open launch reviews',
    );
    const annotations = entity.metadata.annotations ?? {};
    const templateName =
      request.templateName ??
      annotations[LAUNCH_GATES_ANNOTATIONS.template] ??
      DEFAULT_TEMPLATE_NAME;
    const template = templates.get(templateName);
    if (!template) {
      const known = templates.list().map(t => t.name);
      throw new NotFoundError(
        `No launch review template ${templateName} (known: ${
          known.join(', ') || 'none'
        })`,
      );
    }
    const existing = await store.findUndecidedReview(entityRef);
    if (existing) {
      throw new ConflictError(
        `${entityRef} already has a review awaiting a decision: ${existing.id} (${existing.title}, ${existing.state}); decide or reuse it`,
      );
    }
    const now = this.options.now().toISOString();
    const actor = actorOf(credentials);
    const review: StoredReview = {
      id: randomUUID(),
      entityRef,
      title:
        request.title ??
        `${entity.metadata.title ?? entity.metadata.name} launch`,
      templateName: template.metadata.name,
      templateTitle: template.metadata.title,
      template,
      targetDate: request.targetDate,
      state: 'open',
      reopenedAt: null,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
      lastEvaluatedAt: null,
      revision: 1,
    };
    await store.createReview({
      review,
      results: checksOf(review).map(c => pendingResult(c.gateId, c.check)),
      signers: productOwnersOf(
        annotations[LAUNCH_GATES_ANNOTATIONS.productOwner],
        template.spec.productOwner,
      ),
      event: {
        reviewId: review.id,
        type: 'opened',
        actor,
        at: now,
        data: {
          templateName: review.templateName,
          targetDate: review.targetDate,
        },
      },
    });
    const detail = await this.detail(review.id);
    // The first evaluation runs after the answer; the UI polls.
    this.inBackground(review.id, actor);
    return detail;
  }

  private inBackground(reviewId: string, actor: string): void {
    const work = this.options.evaluation
      .evaluate(reviewId, { actor })
      .then(
        () => undefined,
        error =>
          this.options.logger.error(
            `The first evaluation of launch review ${reviewId} failed: ${
              (error as Error).message
            }`,
          ),
      )
      .finally(() => this.background.delete(work));
    this.background.add(work);
  }

  /** Waits for background evaluations (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.background.size > 0) {
      await Promise.all([...this.background]);
    }
  }

  /** A review's detail, without a visibility check (the caller made one). */
  async detail(id: string): Promise<ReviewDetail> {
    const { store } = this.options;
    const review = await store.getReview(id);
    if (!review) throw new NotFoundError(`No launch review with id ${id}`);
    const [parts, events] = await Promise.all([
      store.loadReviewParts([id], { full: true }),
      store.listEvents(id),
    ]);
    return detailOf(review, parts.get(id)!, events, this.options.now());
  }

  /** Whether the caller may read the entity (the catalog decides). */
  private async canRead(
    entityRef: string,
    credentials: Credentials,
  ): Promise<boolean> {
    const readable = await this.options.visibility.readableEntityRefs(
      credentials,
    );
    if (isVisible([entityRef], readable)) return true;
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  /** The stored review if the caller may read its entity; a 404 otherwise. */
  async readable(id: string, credentials: Credentials): Promise<StoredReview> {
    const review = await this.options.store.getReview(id);
    if (!review || !(await this.canRead(review.entityRef, credentials))) {
      throw new NotFoundError(`No launch review with id ${id}`);
    }
    return review;
  }

  async get(id: string, credentials: Credentials): Promise<ReviewDetail> {
    await this.readable(id, credentials);
    return this.detail(id);
  }

  async list(
    query: ListReviewsQuery,
    credentials: Credentials,
    claims: () => Promise<string[]>,
  ): Promise<ReviewList> {
    const { store } = this.options;
    let entityRefs: readonly string[] | undefined =
      await this.options.visibility.readableEntityRefs(credentials);
    if (query.entityRef !== undefined) {
      const normalised = normaliseEntityRef(query.entityRef);
      entityRefs =
        normalised && (await this.canRead(normalised, credentials))
          ? [normalised]
          : [];
    }
    let states: ReviewState[] | undefined =
      query.state === undefined ? undefined : [query.state].flat();
    let signerRefs: string[] | undefined;
    if (query.awaitingMe === 'true') {
      states = (states ?? UNDECIDED).filter(s => UNDECIDED.includes(s));
      signerRefs = await claims();
    }
    const page = await store.listReviews({
      entityRefs,
      states,
      signerRefs,
      targetFrom: query.targetFrom,
      limit: query.limit,
      offset: query.offset,
    });
    const parts = await store.loadReviewParts(
      page.items.map(r => r.id),
      { full: false },
    );
    const now = this.options.now();
    return {
      items: page.items.map(review => {
        const reviewParts = parts.get(review.id)!;
        return summaryOf(
          review,
          reviewParts,
          standingOf(review, reviewParts, now),
        );
      }),
      totalCount: page.totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async edit(
    id: string,
    request: EditReviewRequest,
    credentials: Credentials,
  ): Promise<ReviewDetail> {
    if (request.targetDate !== undefined) {
      requireCalendarDate(request.targetDate, 'review edit');
    }
    const review = await this.readable(id, credentials);
    await this.options.authorizer.require(
      launchGatesReviewCreatePermission,
      review.entityRef,
      credentials,
      'edit launch reviews',
    );
    const now = this.options.now().toISOString();
    const result = await this.options.store.editReview({
      id,
      revision: request.revision,
      title: request.title,
      targetDate: request.targetDate,
      now,
      event: {
        reviewId: id,
        type: 'edited',
        actor: actorOf(credentials),
        at: now,
        data: {
          ...(request.title !== undefined && { title: request.title }),
          ...(request.targetDate !== undefined && {
            targetDate: request.targetDate,
          }),
        },
      },
    });
    if (result === undefined) {
      throw new NotFoundError(`No launch review with id ${id}`);
    }
    if (result === 'conflict') {
      const latest = await this.options.store.getReview(id);
      throw new ConflictError(
        `Launch review ${id} is at revision ${
          latest?.revision ?? 'unknown'
        }, not ${
          request.revision
        }: someone edited it since you read it; reload it and send its revision`,
      );
    }
    return this.detail(id);
  }

  /** Re-runs the review's automated checks now (all, or one). */
  async evaluate(
    id: string,
    checkId: string | undefined,
    credentials: Credentials,
  ): Promise<ReviewDetail> {
    const review = await this.readable(id, credentials);
    await this.options.authorizer.require(
      launchGatesReviewEvaluatePermission,
      review.entityRef,
      credentials,
      'evaluate launch reviews',
    );
    const checks = checksOf(review);
    if (checkId !== undefined) {
      const check = checks.find(c => c.check.id === checkId);
      if (!check) {
        throw new NotFoundError(
          `Launch review ${id} has no check ${checkId} (checks: ${checks
            .map(c => c.check.id)
            .join(', ')})`,
        );
      }
      if (check.check.type === 'manual') {
        throw new InputError(
          `Check ${checkId} is a manual check: it is answered, not evaluated`,
        );
      }
    }
    const evaluated = await this.options.evaluation.evaluate(id, {
      actor: actorOf(credentials),
      checkIds: checkId === undefined ? undefined : [checkId],
    });
    if (!evaluated) {
      throw new NotFoundError(
        `${review.entityRef} is no longer in the catalog: the checks of launch review ${id} cannot be evaluated`,
      );
    }
    return this.detail(id);
  }
}
