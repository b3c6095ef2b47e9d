/** The SLO backend's domain model, as stored and as served over HTTP. */
import type {
  ServiceLevelSpec,
  SloSpecIssue,
} from '@vigil/backstage-plugin-slo-common';

/** `no-data` covers no traffic (0/0), missing series and never evaluated. */
export type SloStatusValue = 'ok' | 'warning' | 'breaching' | 'no-data';

export const SLO_STATUS_VALUES: readonly SloStatusValue[] = [
  'ok',
  'warning',
  'breaching',
  'no-data',
];

export type FiringAlert = 'page' | 'ticket';

/** Windows every SLO's burn rate is reported for (Sloth's alert windows). */
export const BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/** Burn rate per window; `null` means no data in that window. */
export type BurnRates = Record<string, number | null>;

/** Where an entity's spec was read from. */
export interface SpecSource {
  type: 'file' | 'url' | 'inline';
  /** File path or URL (absent for inline specs). */
  target?: string;
  /** A link a browser can open, for URL sources. */
  url?: string;
}

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
  firingAlert: FiringAlert | null;
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
