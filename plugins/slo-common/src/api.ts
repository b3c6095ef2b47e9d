import type { SandboxListing } from '@vigil/backstage-plugin-sandbox-common';
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
  /**
   * The values are older than three evaluation intervals, or Prometheus is
   * unreachable (they are the last ones computed; `evaluatedAt` is their age).
   */
  stale: boolean;
  /** Error ratio over the period. */
  sli: number | null;
  /** Share of the budget left; negative when overspent. */
  budgetRemaining: number | null;
  burnRates: BurnRates;
  /** The most severe alert the SLO's rules would fire now (page over ticket). */
  firingAlert: FiringAlert | null;
  /**
   * Every alert the SLO's rules would fire now, page first: `['page',
   * 'ticket']` when both burn. Always sent by the backend; optional only for
   * values built by older clients and tests.
   */
  firingAlerts?: FiringAlert[];
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
  /**
   * SLOs of the sandbox's practice services: listed with the others (the
   * default), left out, or listed alone.
   */
  sandbox?: SandboxListing;
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
  /** As {@link Slo.firingAlerts}. */
  firingAlerts?: FiringAlert[];
  status: SloStatus;
}

export interface SloHistoryQuery {
  /** Default: 7 days before `to`. */
  from?: Date;
  /** Default: now. */
  to?: Date;
  /** Most evaluations to return (the backend allows up to 50,000). */
  limit?: number;
  /**
   * Downsample for a chart this many points wide (10 to 2,000; the backend's
   * default is 1,000): each time bucket keeps its last evaluation, its lowest
   * budget and its most severe status, so a breach is never smoothed away.
   */
  points?: number;
}

export interface SloDetailResponse {
  slo: Slo & { spec?: ServiceLevelSpec };
  history: {
    from: string;
    to: string;
    /** Over every evaluation in the range, not only the ones returned. */
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
  /**
   * Where the spec is, for people: a file's path relative to the directory
   * of its entity's catalog file (never a server path), or the URL.
   */
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

/**
 * Whether the SLO backend could read Prometheus in its latest cycle.
 * @public
 */
export type PrometheusReachability = 'reachable' | 'unreachable' | 'unknown';

/**
 * How SLO evaluation is going (`GET /status`), shared by every backend
 * replica: what the portal's "Prometheus is unreachable" banner shows.
 * @public
 */
export interface SloEvaluationStatus {
  /** False when no Prometheus is configured: SLOs are never evaluated. */
  enabled: boolean;
  /** `unknown` before the first evaluation cycle. */
  prometheus: PrometheusReachability;
  /** ISO time of the first failed cycle of the current outage. */
  unreachableSince: string | null;
  /** ISO time of the latest cycle, whatever its outcome. */
  lastAttemptAt: string | null;
  /** ISO time the SLO figures shown were computed (the latest success). */
  lastSuccessAt: string | null;
  /** Why the latest cycle failed (short); null after a success. */
  lastError: string | null;
  /** No cycle ran for three evaluation intervals: evaluation is stuck. */
  stalled: boolean;
}

/** The Backstage signal channel on which the SLO backend announces evaluations. */
export const SLO_SIGNAL_CHANNEL = 'vigil-slo';

/**
 * Broadcast on {@link SLO_SIGNAL_CHANNEL} once per evaluation cycle: the
 * entities whose SLOs were just evaluated. Clients showing one of them
 * fetch it again.
 */
// A type, not an interface, so it is a JsonObject for the signals APIs.
export type SloSignalMessage = {
  type: 'evaluated';
  /** Stringified entity refs, e.g. `component:default/scoring-api`. */
  entityRefs: string[];
  /** ISO time of the evaluation. */
  evaluatedAt: string;
};
