/**
 * Vigil's SLO frontend plugin. The plugin itself (new frontend system) is the
 * default export of `@vigil/backstage-plugin-slo/alpha`; this entry point
 * exports the API for other plugins and tests.
 *
 * @packageDocumentation
 */
export { sloApiRef, SloClient } from './api';
export type {
  BurnRates,
  EntitySlosResponse,
  FiringAlert,
  Slo,
  SloApi,
  SloDetailResponse,
  SloEntityName,
  SloEvaluation,
  SloHistoryQuery,
  SloListQuery,
  SloListResponse,
  SloStatus,
  SpecIssue,
  SpecSource,
} from './api';
export {
  isSloAvailable,
  SLO_SPEC_ANNOTATION,
  SLO_SPEC_INLINE_ANNOTATION,
} from './lib/annotations';
