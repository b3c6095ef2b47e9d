/**
 * The evaluation side of the launch gates, as the backend's service uses it:
 * the check-provider registry (built-ins plus the extension point's), the
 * review templates, and the evaluator that runs a review's automated checks.
 */
export { CheckProviderRegistry } from './CheckProviderRegistry';
export { builtInCheckProviders } from '../providers';
export {
  TemplateCatalog,
  parseTemplate,
  providerProblems,
  type TemplateProblem,
} from '../templates/TemplateCatalog';
export {
  CheckEvaluator,
  automatedChecksOf,
  type CheckEvaluatorOptions,
} from './CheckEvaluator';
export type { EvaluatedCheck, EvaluationCycle, EvaluationInput } from './types';
/**
 * What H1's store implements for the load-test and security-scan providers:
 * `latest(entityRef, kind)` answers the newest posted report (by `ranAt`) or
 * undefined. Passed as `builtInCheckProviders({ reportSource })`.
 */
export type { ReportSource } from './reportSource';
export { PluginApiError } from './pluginApi';
export { sha256OfJson } from './hash';
