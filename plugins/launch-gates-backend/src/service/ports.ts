import type { Entity } from '@backstage/catalog-model';
import type {
  CheckEvidence,
  ReviewTemplate,
  TemplateListing,
} from '@vigil/backstage-plugin-launch-gates-common';

/*
 * What the review services use of the evaluation (src/evaluation,
 * src/templates): the shapes of TemplateCatalog and CheckEvaluator, so the
 * services depend on what they call, not on how checks are evaluated.
 */

/** The templates loaded at start (TemplateCatalog). */
export interface TemplateSource {
  get(name: string): ReviewTemplate | undefined;
  list(): TemplateListing[];
  problems(): Array<{ source: string; message: string }>;
}

/** One automated check's result (the evaluation's EvaluatedCheck). */
export interface EvaluatedCheckResult {
  checkId: string;
  status: 'pass' | 'fail' | 'unknown';
  summary: string;
  evidence: CheckEvidence;
  evaluatedAt: string;
  evidenceHash: string;
}

/** One evaluation cycle: sources read once, shared by its reviews. */
export interface ReviewEvaluationCycle {
  evaluate(input: {
    entity: Entity;
    template: ReviewTemplate;
    checkIds?: string[];
    now: Date;
  }): Promise<EvaluatedCheckResult[]>;
}

/** The CheckEvaluator. */
export interface ChecksEvaluator {
  newCycle(): ReviewEvaluationCycle;
}
