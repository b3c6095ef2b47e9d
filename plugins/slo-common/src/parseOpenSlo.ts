/**
 * OpenSLO specs. Each objective of an OpenSLO `SLO` becomes one SLO named
 * `<metadata.name>-<objective index>`, as Sloth does for `openslo/v1alpha`;
 * `openslo/v1` is read the same way. Only Prometheus SLIs with
 * occurrence-based budgets and rolling windows can become Sloth-style rules:
 * ratio SLIs, and (v1) threshold SLIs as the share of one-minute samples
 * that violate the objective's threshold.
 *
 * What both versions do alike is in openslo/shared.ts.
 */
export { parseOpenSloV1AlphaDocument } from './openslo/v1alpha';
export { parseOpenSloV1Document } from './openslo/v1';
export { collectOpenSloV1Indicator } from './openslo/v1Indicators';
export type { OpenSloV1Indicators } from './openslo/v1Indicators';
export {
  findThresholdObjectiveProblems,
  OPENSLO_THRESHOLD_OPERATORS,
  thresholdErrorRatio,
} from './openslo/threshold';
export type { OpenSloThresholdOperator } from './openslo/threshold';
