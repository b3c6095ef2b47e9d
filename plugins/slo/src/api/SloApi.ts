import { createApiRef } from '@backstage/core-plugin-api';
import type {
  EntitySlosResponse,
  SloDetailResponse,
  SloEntityName,
  SloEvaluationStatus,
  SloHistoryQuery,
  SloListQuery,
  SloListResponse,
} from './types';

/**
 * Reads SLOs from the SLO backend (`/api/slo`).
 * @public
 */
export interface SloApi {
  /** One page of SLOs across the catalog, worst budget first. */
  listSlos(query?: SloListQuery): Promise<SloListResponse>;
  /** One SLO with its history in a time range. */
  getSlo(sloId: string, query?: SloHistoryQuery): Promise<SloDetailResponse>;
  /** An entity's SLOs, where its spec came from and what is wrong with it. */
  getEntitySlos(entity: SloEntityName): Promise<EntitySlosResponse>;
  /**
   * How SLO evaluation is going: whether Prometheus is reachable, since
   * when not, and when the figures shown were computed.
   */
  getEvaluationStatus(): Promise<SloEvaluationStatus>;
}

/** @public */
export const sloApiRef = createApiRef<SloApi>({ id: 'plugin.slo.api' });
