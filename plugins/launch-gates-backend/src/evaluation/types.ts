import type { Entity } from '@backstage/catalog-model';
import type {
  CheckEvidence,
  ReviewTemplate,
} from '@vigil/backstage-plugin-launch-gates-common';

/** One automated check's result of one evaluation. */
export interface EvaluatedCheck {
  checkId: string;
  /** Never `pass` unless the provider measured and the pass rule held. */
  status: 'pass' | 'fail' | 'unknown';
  summary: string;
  evidence: CheckEvidence;
  evaluatedAt: string;
  /** sha256 of `evidence` (canonical JSON): unchanged evidence, same hash. */
  evidenceHash: string;
}

/** What to evaluate: a review's entity and template snapshot. */
export interface EvaluationInput {
  entity: Entity;
  template: ReviewTemplate;
  /** Only these checks (unknown ids are ignored: the caller checks them). */
  checkIds?: string[];
  /** The cycle's clock; every check of the call sees it. */
  now: Date;
}

/** A run of evaluations sharing one memo of source reads. */
export interface EvaluationCycle {
  evaluate(input: EvaluationInput): Promise<EvaluatedCheck[]>;
  /** How many distinct source reads the cycle has made so far. */
  readonly reads: number;
}
