import { createHash } from 'node:crypto';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { actorOf } from '@vigil/backend-kit';
import {
  type AnswerCheckRequest,
  type AttachmentSummary,
  type CheckEvidence,
  claimsInclude,
  type CreateSignOffRequest,
  type CreateWaiverRequest,
  launchGatesCheckAnswerPermission,
  launchGatesSignOffCreatePermission,
  launchGatesWaiverCreatePermission,
  MAX_ATTACHMENT_BYTES,
  type ReviewDetail,
  type UploadAttachmentRequest,
} from '@vigil/backstage-plugin-launch-gates-common';
import type {
  LaunchGatesStore,
  StoredAttachment,
} from '../database/LaunchGatesStore';
import { sha256OfJson } from '../evaluation/hash';
import { answererRefs } from './answerers';
import { ownersOfEntity } from './entities';
import type { LaunchGatesAuthorizer } from './LaunchGatesAuthorizer';
import { checksOf, standingOf } from './reviewAssembly';
import type { ReviewEvaluationService } from './ReviewEvaluationService';
import type { ReviewService } from './ReviewService';
import { settle } from './settle';

type Credentials = BackstageCredentials;

const DAY_MS = 86_400_000;
/** The longest a waiver may last. */
export const MAX_WAIVER_DAYS = 180;

/**
 * What people record on a review, each an append-only record: manual
 * answers (and their files), waivers and sign-offs. Each is allowed by the
 * portal's policy first, then narrowed to the people the review names,
 * with a 403 that names them.
 */
export class DecisionService {
  constructor(
    private readonly options: {
      store: LaunchGatesStore;
      reviews: ReviewService;
      evaluation: ReviewEvaluationService;
      authorizer: LaunchGatesAuthorizer;
      sreGroups: string[];
      now: () => Date;
    },
  ) {}

  private async entityOf(entityRef: string) {
    const entity = await this.options.evaluation.entityOf(entityRef);
    if (!entity) {
      throw new NotFoundError(`${entityRef} is no longer in the catalog`);
    }
    return entity;
  }

  private async partsOf(reviewId: string, full: boolean) {
    return (await this.options.store.loadReviewParts([reviewId], { full })).get(
      reviewId,
    )!;
  }

  async answer(
    reviewId: string,
    checkId: string,
    request: AnswerCheckRequest,
    credentials: Credentials,
  ): Promise<ReviewDetail> {
    const { store, authorizer, reviews } = this.options;
    const review = await reviews.readable(reviewId, credentials);
    const found = checksOf(review).find(c => c.check.id === checkId);
    if (!found) {
      throw new NotFoundError(
        `Launch review ${reviewId} has no check ${checkId}`,
      );
    }
    const { check, gateId } = found;
    if (check.type !== 'manual') {
      throw new InputError(
        `Check ${checkId} is not a manual check: its provider ${check.provider} evaluates it`,
      );
    }
    await authorizer.require(
      launchGatesCheckAnswerPermission,
      review.entityRef,
      credentials,
      'answer launch checks',
    );
    const entity = await this.entityOf(review.entityRef);
    const parts = await this.partsOf(reviewId, false);
    const { refs, who } = answererRefs(check.answeredBy, {
      entityOwners: ownersOfEntity(entity),
      productOwners: parts.signers,
      sreGroups: this.options.sreGroups,
    });
    if (!claimsInclude(await authorizer.claimsOf(credentials), refs)) {
      throw new NotAllowedError(
        `Only ${who} may answer ${checkId}: ${refs.join(', ') || 'nobody'}`,
      );
    }
    let attachment: StoredAttachment | undefined;
    if (request.attachmentId) {
      attachment = await store.getAttachment(reviewId, request.attachmentId);
      if (!attachment) {
        throw new InputError(
          `Invalid answer: attachmentId: no attachment ${request.attachmentId} on this review; upload it first`,
        );
      }
    }
    if (request.answer === 'yes') {
      const missing = {
        link: !request.link,
        file: !attachment,
        'link-or-file': !request.link && !attachment,
        none: false,
      }[check.evidence];
      if (missing) {
        const what = {
          link: 'a link',
          file: 'a file (attachmentId)',
          'link-or-file': 'a link or a file (attachmentId)',
          none: '',
        }[check.evidence];
        throw new InputError(
          `Invalid answer: a yes to ${checkId} needs ${what} as evidence`,
        );
      }
    }
    const now = this.options.now();
    const at = now.toISOString();
    const actor = actorOf(credentials);
    const evidence: CheckEvidence = {
      measurements: { answer: request.answer },
      outcomes: [],
      links: request.link ? [{ title: 'Evidence', url: request.link }] : [],
      details: {
        comment: request.comment,
        answeredBy: actor,
        ...(attachment && {
          attachment: {
            id: attachment.id,
            filename: attachment.filename,
            sha256: attachment.sha256,
          },
        }),
      },
      observedAt: at,
    };
    const settlement = settle({
      review,
      parts,
      results: [
        {
          checkId,
          gateId,
          status: request.answer === 'yes' ? 'pass' : 'fail',
          summary: `${request.answer === 'yes' ? 'Yes' : 'No'} (${actor}): ${
            request.comment.length > 160
              ? `${request.comment.slice(0, 157)}...`
              : request.comment
          }`,
          evidence,
          evidenceHash: sha256OfJson(evidence),
          evaluatedAt: at,
        },
      ],
      now,
      actor,
      noticeExpiredWaivers: false,
    });
    settlement.outcome.events.unshift({
      reviewId,
      type: 'answered',
      actor,
      at,
      data: { checkId, answer: request.answer },
    });
    await store.recordAnswer({
      answer: {
        reviewId,
        checkId,
        answer: request.answer,
        comment: request.comment,
        link: request.link ?? null,
        attachmentId: attachment?.id ?? null,
        answeredBy: actor,
        answeredAt: at,
      },
      outcome: settlement.outcome,
    });
    await this.options.evaluation.notifyIfReopened(
      review,
      parts,
      settlement,
      entity,
    );
    return reviews.detail(reviewId);
  }

  async upload(
    reviewId: string,
    request: UploadAttachmentRequest,
    credentials: Credentials,
  ): Promise<AttachmentSummary> {
    const review = await this.options.reviews.readable(reviewId, credentials);
    await this.options.authorizer.require(
      launchGatesCheckAnswerPermission,
      review.entityRef,
      credentials,
      'attach evidence to launch reviews',
    );
    const content = Buffer.from(request.contentBase64, 'base64');
    const canonical = (s: string) => s.replace(/=+$/, '');
    if (
      canonical(content.toString('base64')) !== canonical(request.contentBase64)
    ) {
      throw new InputError(
        'Invalid attachment: contentBase64: not valid base64',
      );
    }
    if (content.length > MAX_ATTACHMENT_BYTES) {
      throw new InputError(
        `Invalid attachment: contentBase64: the file is ${content.length} bytes; at most ${MAX_ATTACHMENT_BYTES} are taken`,
      );
    }
    const { reviewId: _reviewId, ...summary } =
      await this.options.store.createAttachment({
        reviewId,
        filename: request.filename,
        contentType: request.contentType,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        uploadedBy: actorOf(credentials),
        uploadedAt: this.options.now().toISOString(),
      });
    return summary;
  }

  async download(
    reviewId: string,
    attachmentId: string,
    credentials: Credentials,
  ) {
    await this.options.reviews.readable(reviewId, credentials);
    const attachment = await this.options.store.getAttachment(
      reviewId,
      attachmentId,
    );
    if (!attachment) {
      throw new NotFoundError(
        `Launch review ${reviewId} has no attachment ${attachmentId}`,
      );
    }
    return attachment;
  }

  async waive(
    reviewId: string,
    request: CreateWaiverRequest,
    credentials: Credentials,
  ): Promise<ReviewDetail> {
    const { store, reviews, authorizer } = this.options;
    const review = await reviews.readable(reviewId, credentials);
    const checkIds = checksOf(review).map(c => c.check.id);
    if (!checkIds.includes(request.checkId)) {
      throw new InputError(
        `Invalid waiver: checkId: the review has no check ${
          request.checkId
        } (checks: ${checkIds.join(', ')})`,
      );
    }
    const now = this.options.now();
    const expires = Date.parse(request.expiresAt);
    if (expires <= now.getTime()) {
      throw new InputError('Invalid waiver: expiresAt: must be in the future');
    }
    if (expires > now.getTime() + MAX_WAIVER_DAYS * DAY_MS) {
      throw new InputError(
        `Invalid waiver: expiresAt: must be at most ${MAX_WAIVER_DAYS} days away`,
      );
    }
    await authorizer.require(
      launchGatesWaiverCreatePermission,
      review.entityRef,
      credentials,
      'waive launch checks',
    );
    const entity = await this.entityOf(review.entityRef);
    const parts = await this.partsOf(reviewId, false);
    const may = [...new Set([...parts.signers, ...ownersOfEntity(entity)])];
    if (!claimsInclude(await authorizer.claimsOf(credentials), may)) {
      throw new NotAllowedError(
        `Only the product owners and the owners of ${
          review.entityRef
        } may waive its checks: ${may.join(', ') || 'nobody'}`,
      );
    }
    const at = now.toISOString();
    const actor = actorOf(credentials);
    await store.createWaiver({
      waiver: {
        reviewId,
        checkId: request.checkId,
        reason: request.reason,
        expiresAt: new Date(expires).toISOString(),
        createdBy: actor,
        createdAt: at,
        evidenceHash: standingOf(review, parts, now).evidenceHash,
      },
      event: {
        reviewId,
        type: 'waived',
        actor,
        at,
        data: {
          checkId: request.checkId,
          expiresAt: new Date(expires).toISOString(),
        },
      },
    });
    return reviews.detail(reviewId);
  }

  async signOff(
    reviewId: string,
    request: CreateSignOffRequest,
    credentials: Credentials,
  ): Promise<ReviewDetail> {
    const { store, reviews, authorizer } = this.options;
    const review = await reviews.readable(reviewId, credentials);
    await authorizer.require(
      launchGatesSignOffCreatePermission,
      review.entityRef,
      credentials,
      'sign off launches',
    );
    const parts = await this.partsOf(reviewId, false);
    if (!claimsInclude(await authorizer.claimsOf(credentials), parts.signers)) {
      throw new NotAllowedError(
        `Only the product owner of ${review.entityRef} may sign: ${
          parts.signers.join(', ') || 'nobody (set vigil.dev/product-owner)'
        }`,
      );
    }
    const now = this.options.now();
    const standing = standingOf(review, parts, now);
    // Blockers first: they say what to do, whatever the review looked like.
    if (request.decision === 'go' && standing.blockers.length > 0) {
      const statusOf = new Map(
        standing.checks.map(c => [c.checkId, c.effectiveStatus]),
      );
      throw new ConflictError(
        `Blocking checks do not pass and have no waiver: ${standing.blockers
          .map(id => `${id} (${statusOf.get(id)})`)
          .join(', ')}`,
      );
    }
    if (request.evidenceHash !== standing.evidenceHash) {
      throw new ConflictError(
        'The evidence changed since you loaded the review; reload it and sign again',
      );
    }
    const at = now.toISOString();
    const actor = actorOf(credentials);
    await store.createSignOff({
      signOff: {
        reviewId,
        decision: request.decision,
        comment: request.comment,
        signedBy: actor,
        signedAt: at,
        evidenceHash: standing.evidenceHash,
        checkStatuses: standing.checkStatuses,
        waiverIds: standing.activeWaiverIds,
      },
      state: request.decision,
      event: {
        reviewId,
        type: 'signed',
        actor,
        at,
        data: { decision: request.decision },
      },
    });
    return reviews.detail(reviewId);
  }
}
