/**
 * The SLO API's contract (plugins/slo-backend/openapi.yaml), shared by the
 * backend that serves it and the frontend that reads it. Numbers are never
 * NaN: "no data" is `null`.
 */
import type { ServiceLevelSpec, SloSpecIssue } from './model';

export type SloStatus = 'ok' | 'warning' | 'breaching' | 'no-data';

export const SLO_STATUSES: readonly SloStatus[] = [
  'ok',
  'warning',
  'breaching',
  'no-data',
];

export type FiringAlert = 'page' | 'ticket';

/** Windows the backend reports burn rates for (Sloth's alert windows). */
export const BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/** Burn rate per window; `null` (or a missing window) is no data. */
export type BurnRates = Record<string, number | null>;

/** An SLO with its latest evaluation. */
export interface Slo {
  sloId: string;
  entityRef: string;
  service: string;
  name: string;
  description: string | null;
  objectivePercent: number;
  /** Prometheus duration, e.g. "30d". */
  period: string;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  status: SloStatus;
  /** ISO time the values were computed; null if never evaluated. */
  evaluatedAt: string | null;
  /** The values are older than three evaluation intervals. */
  stale: boolean;
  /** Error ratio over the period. */
  sli: number | null;
  /** Share of the budget left; negative when overspent. */
  budgetRemaining: number | null;
  burnRates: BurnRates;
  firingAlert: FiringAlert | null;
  /** Why the SLO could not be evaluated. */
  error: string | null;
}

export interface SloListQuery {
  /** Owner entity ref, e.g. group:default/payments. */
  owner?: string;
  /** System entity ref, e.g. system:default/shop. */
  system?: string;
  lifecycle?: string;
  status?: SloStatus;
  /** Case-insensitive text in the id, name, description or entity ref. */
  q?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface SloListResponse {
  items: Slo[];
  totalCount: number;
  limit: number;
  offset: number;
}

export interface SloEvaluation {
  evaluatedAt: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: BurnRates;
  firingAlert: FiringAlert | null;
  status: SloStatus;
}

export interface SloHistoryQuery {
  /** Default: 7 days before `to`. */
  from?: Date;
  /** Default: now. */
  to?: Date;
  /** Most evaluations to return (the backend allows up to 50,000). */
  limit?: number;
}

export interface SloDetailResponse {
  slo: Slo & { spec?: ServiceLevelSpec };
  history: {
    from: string;
    to: string;
    summary: {
      evaluations: number;
      evaluationsWithData: number;
      evaluationsOverBudget: number;
      /** The budget was never overspent in the range; null without data. */
      met: boolean | null;
    };
    evaluations: SloEvaluation[];
  };
}

export interface SpecSource {
  type: 'file' | 'url' | 'inline';
  target?: string;
  /** A link a browser can open (URL sources). */
  url?: string;
}

export type SpecIssue = SloSpecIssue;

export interface EntitySlosResponse {
  entityRef: string;
  /** Null when the entity's spec has never been read. */
  specSource: SpecSource | null;
  errors: SpecIssue[];
  warnings: SpecIssue[];
  refreshedAt: string | null;
  slos: Slo[];
}
