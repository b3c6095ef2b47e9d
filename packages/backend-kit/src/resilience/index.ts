export type {
  DependencyHealthService,
  DependencyOptions,
  DependencyState,
  ResilientDependency,
} from './types';
export { DependencyUnavailableError } from './errors';
export { isDependencyFailure } from './failures';
export {
  createDependencyHealth,
  DEPENDENCY_DEFAULTS,
  dependencyHealthServiceRef,
  type DependencyHealthOptions,
} from './DependencyHealth';
export {
  createResilientFetch,
  type ResilientFetchOptions,
} from './resilientFetch';
export { throughDependency } from './throughDependency';
