/**
 * The SLO API's types live in slo-common, shared with the backend; this
 * module keeps the frontend's imports in one place.
 */
export type {
  SloStatus,
  FiringAlert,
  BurnRates,
  Slo,
  SloListQuery,
  SloListResponse,
  SloEvaluation,
  SloHistoryQuery,
  SloDetailResponse,
  SpecSource,
  SpecIssue,
  EntitySlosResponse,
  PrometheusReachability,
  SloEvaluationStatus,
} from '@vigil/backstage-plugin-slo-common';
export type { SandboxListing } from '@vigil/backstage-plugin-sandbox-common';
export {
  BURN_RATE_WINDOWS,
  SLO_STATUSES,
} from '@vigil/backstage-plugin-slo-common';

/**
 * The parts of an entity ref the entity route needs.
 * @public
 */
export interface SloEntityName {
  kind: string;
  namespace: string;
  name: string;
}
