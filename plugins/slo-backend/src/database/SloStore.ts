import type { SandboxListing } from '@vigil/backstage-plugin-sandbox-common';
import type {
  EntitySpecs,
  EvaluationOutcome,
  EvaluationRecord,
  SloCurrentStatus,
  SloDefinition,
  SloEntityRecord,
  SloEvaluation,
  SloStatusValue,
} from '../service/types';

/** Filters of the SLO list; every one runs in the database. */
export interface ListSlosQuery {
  /**
   * Only SLOs of these entities (the ones the caller may read);
   * `undefined`: of every entity.
   */
  entityRefs: string[] | undefined;
  owner?: string;
  system?: string;
  lifecycle?: string;
  status?: SloStatusValue;
  /** Case-insensitive substring of the id, name, description or entity. */
  q?: string;
  /** The sandbox namespace's SLOs: with the others (default), left out, or alone. */
  sandbox?: SandboxListing;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** What the list shows of an SLO: everything but its (large) spec. */
export type SloDefinitionSummary = Omit<SloDefinition, 'spec'>;

export interface SloListItem {
  definition: SloDefinitionSummary;
  status?: SloCurrentStatus;
}

/** A time range of history, epoch milliseconds, both ends included. */
export interface HistoryRange {
  from: number;
  to: number;
  /** Most evaluations to return. */
  limit: number;
}

/** Counts over every evaluation of a range (not only the ones returned). */
export interface HistoryCounts {
  evaluations: number;
  /** Evaluations with a budget figure. */
  evaluationsWithData: number;
  /** Evaluations with the budget overspent (below zero). */
  evaluationsOverBudget: number;
}

/** Persistence of specs, current status and history. */
export interface SloStore {
  /** Replaces everything known about the SLO entities with `entities`. */
  replaceSpecs(entities: EntitySpecs[], refreshedAt: number): Promise<void>;
  listDefinitions(): Promise<SloDefinition[]>;
  /**
   * Changes whenever the definitions do (every refresh rewrites them): what
   * rules rendered from them are kept by.
   */
  definitionsVersion(): Promise<string>;
  /** Every entity ref that has a record (SLOs or spec errors). */
  listEntityRefs(): Promise<string[]>;
  getDefinition(sloId: string): Promise<SloDefinition | undefined>;
  getEntity(entityRef: string): Promise<
    | {
        entity: SloEntityRecord;
        definitions: SloDefinition[];
        statuses: SloCurrentStatus[];
      }
    | undefined
  >;
  listSlos(
    query: ListSlosQuery,
  ): Promise<{ items: SloListItem[]; totalCount: number }>;
  /**
   * Writes the current status of each SLO and a history row for those
   * `history` selects (default: all).
   */
  recordEvaluations(
    statuses: SloCurrentStatus[],
    options?: { history?: boolean | ((status: SloCurrentStatus) => boolean) },
  ): Promise<void>;
  getCurrentStatus(sloId: string): Promise<SloCurrentStatus | undefined>;
  listCurrentStatuses(): Promise<SloCurrentStatus[]>;
  getHistory(sloId: string, range: HistoryRange): Promise<SloEvaluation[]>;
  /**
   * The range's evaluations for a chart `points` buckets wide: all of them
   * when there are no more than `points`, else a few per bucket (see
   * DatabaseSloStore), with counts over all of them.
   */
  getChartHistory(
    sloId: string,
    range: HistoryRange & { points: number },
  ): Promise<{ counts: HistoryCounts; evaluations: SloEvaluation[] }>;
  /** Deletes history older than `before`; returns the number of rows. */
  pruneHistory(before: number): Promise<number>;
  /**
   * Deletes the history of every SLO of an entity in `namespace` (the
   * sandbox's); returns the number of rows.
   */
  purgeHistory(namespace: string): Promise<number>;
  /**
   * Records how an evaluation cycle went (shared by replicas): a failure
   * starts or continues an outage, a success ends it.
   */
  recordEvaluationOutcome(outcome: EvaluationOutcome): Promise<void>;
  /** How the latest cycles went; undefined before the first one. */
  getEvaluationRecord(): Promise<EvaluationRecord | undefined>;
}
