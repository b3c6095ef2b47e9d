/**
 * SLO specs as code for Vigil: parse and validate Sloth and OpenSLO specs,
 * generate Sloth-compatible Prometheus rules, and the error budget math.
 * Isomorphic: no Node or browser APIs, so the frontend and backend share it.
 *
 * @packageDocumentation
 */

export type {
  AlertSpec,
  KubernetesObjectMeta,
  ParseSloSpecsResult,
  ServiceLevelSpec,
  SliSpec,
  SloRuleSteps,
  SloSpecError,
  SloSpecIssue,
  SloSpecWarning,
  SpecFormat,
  SpecOrigin,
} from './model';
export {
  parseSloSpecFiles,
  parseSloSpecs,
  rejectDuplicateSloIds,
} from './parse';
export type { ParseSloSpecsOptions } from './parse';
export {
  openSloV1AlphaSloSchema,
  openSloV1SliSchema,
  openSloV1SloSchema,
  slothAlertWindowsSchema,
  slothKubernetesV1Schema,
  slothKubernetesV1SloSchema,
  slothPrometheusV1SloSchema,
  slothPrometheusV1SpecSchema,
} from './schemas';
export type {
  OpenSloV1AlphaSlo,
  OpenSloV1Sli,
  OpenSloV1Slo,
  SlothKubernetesV1,
  SlothKubernetesV1Slo,
  SlothPrometheusV1Slo,
  SlothPrometheusV1Spec,
} from './schemas';
export {
  DEFAULT_GENERATOR_VERSION,
  generateRuleFiles,
  generateRules,
  SloGenerationError,
} from './generate';
export type {
  GenerateRulesOptions,
  PrometheusRule,
  PrometheusRuleFile,
  PrometheusRuleGroup,
  SlothMode,
} from './generate';
export { renderRuleFilesYaml, renderRulesYaml } from './render';
export type { RenderRulesOptions } from './render';
export {
  AlertWindowsError,
  burnRateFactor,
  DEFAULT_ALERT_WINDOWS,
  defaultAlertWindows,
  findAlertWindowsProblems,
  GOOGLE_28D_ALERT_WINDOWS,
  GOOGLE_30D_ALERT_WINDOWS,
  parseAlertWindows,
} from './windows';
export type { AlertWindow, AlertWindows } from './windows';
export { budgetRemaining, burnRate, errorBudget, errorRatio } from './math';
export {
  formatPromDuration,
  normalizePromDuration,
  parsePromDuration,
} from './durations';
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
  SloSignalMessage,
} from './api';
export { BURN_RATE_WINDOWS, SLO_SIGNAL_CHANNEL, SLO_STATUSES } from './api';
export {
  isKnownSlothPlugin,
  resolveSlothPluginChain,
  SLOTH_ALERT_RULES_PLUGIN,
  SLOTH_DEBUG_PLUGIN,
  SLOTH_METADATA_RULES_PLUGIN,
  SLOTH_NOOP_PLUGIN,
  SLOTH_SLI_RULES_PLUGIN,
  SLOTH_VALIDATE_PLUGIN,
  SLOTH_VALIDATE_VICTORIA_METRICS_PLUGIN,
} from './slothPlugins';
export type { SlothPluginChain, SlothPluginRef } from './slothPlugins';
