import type {
  ReviewState,
  ReviewTemplate,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { StoredReview } from '../../LaunchGatesStore';
import { isoOf, isoOrNull, msOf, msOrNull } from '../StoreInternals';

export const REVIEWS = 'launch_reviews';
export const SIGNERS = 'launch_review_signers';

/** A row of `launch_reviews`. */
export interface ReviewRow {
  id: string;
  entity_ref: string;
  title: string;
  template_name: string;
  template_title: string;
  template: string;
  target_date: string;
  state: string;
  reopened_at: number | string | null;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
  last_evaluated_at: number | string | null;
  revision: number;
}

export function reviewFromRow(row: ReviewRow): StoredReview {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    title: row.title,
    templateName: row.template_name,
    templateTitle: row.template_title,
    template: JSON.parse(row.template) as ReviewTemplate,
    targetDate: row.target_date,
    state: row.state as ReviewState,
    reopenedAt: isoOrNull(row.reopened_at),
    createdBy: row.created_by,
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
    lastEvaluatedAt: isoOrNull(row.last_evaluated_at),
    revision: Number(row.revision),
  };
}

export function rowOfReview(review: StoredReview): ReviewRow {
  return {
    id: review.id,
    entity_ref: review.entityRef,
    title: review.title,
    template_name: review.templateName,
    template_title: review.templateTitle,
    template: JSON.stringify(review.template),
    target_date: review.targetDate,
    state: review.state,
    reopened_at: msOrNull(review.reopenedAt),
    created_by: review.createdBy,
    created_at: msOf(review.createdAt),
    updated_at: msOf(review.updatedAt),
    last_evaluated_at: msOrNull(review.lastEvaluatedAt),
    revision: review.revision,
  };
}
