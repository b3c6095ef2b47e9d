/** The SLO backend's domain model, as stored and as served over HTTP. */
import {
  BURN_RATE_WINDOWS,
  SLO_STATUSES,
} from '@vigil/backstage-plugin-slo-common';
import type {
  BurnRates,
  FiringAlert,
  ServiceLevelSpec,
  SloSpecIssue,
  SloStatus,
  SpecSource,
} from '@vigil/backstage-plugin-slo-common';

// The HTTP contract's enums live in slo-common, shared with the frontend.
export type SloStatusValue = SloStatus;
export const SLO_STATUS_VALUES = SLO_STATUSES;
export { BURN_RATE_WINDOWS };
export type { BurnRates, FiringAlert, SpecSource };

/** An entity that declares SLOs, with the problems of its spec. */
export interface SloEntityRecord {
  entityRef: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  specSource: SpecSource;
  errors: SloSpecIssue[];
  warnings: SloSpecIssue[];
  refreshedAt: number;
}

/** A valid SLO of an entity. */
export interface SloDefinition {
  sloId: string;
  entityRef: string;
  service: string;
  name: string;
  description?: string;
  objectivePercent: number;
  /** The SLO period as a Prometheus duration, e.g. "30d". */
  period: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  spec: ServiceLevelSpec;
}

/** One evaluation of one SLO. JSON-safe: no NaN or Infinity, only null. */
export interface SloEvaluation {
  sloId: string;
  entityRef: string;
  /** Epoch milliseconds (UTC). */
  evaluatedAt: number;
  /** Error ratio over the whole period. */
  sli: number | null;
  /** Share of the period's budget left (negative when overspent). */
  budgetRemaining: number | null;
  burnRates: BurnRates;
  /** The most severe firing alert (page over ticket). */
  firingAlert: FiringAlert | null;
  /** Every firing alert, page first. */
  firingAlerts: FiringAlert[];
  status: SloStatusValue;
}

/** The latest evaluation plus why it may be stale or partial. */
export interface SloCurrentStatus extends SloEvaluation {
  /** Why this SLO could not be evaluated (e.g. its query was rejected). */
  error?: string | null;
}

/** What the refresh found for one entity. */
export interface EntitySpecs {
  entity: Omit<SloEntityRecord, 'refreshedAt'>;
  definitions: SloDefinition[];
}

/**
 * How the latest evaluation cycles went, shared by every replica (the
 * `slo_evaluation_status` table). Epoch milliseconds.
 */
export interface EvaluationRecord {
  /** Start of the latest cycle, whatever its outcome. */
  lastAttemptAt: number;
  /** Start of the latest cycle that got its figures from Prometheus. */
  lastSuccessAt: number | null;
  /** First failed cycle of the current outage; null while reachable. */
  unreachableSince: number | null;
  /** Why the latest cycle failed; null after a success. */
  lastError: string | null;
}

/** The outcome of one evaluation cycle, as the evaluator records it. */
export type EvaluationOutcome =
  | { at: number; ok: true }
  | { at: number; ok: false; error: string };
