/**
 * What every Vigil backend plugin shares and none of them owns: zod parsing
 * with 400 messages that name the bad fields (NUL characters refused for
 * what a database stores), error responses in Backstage's shape, audited
 * mutations, principal keys and answers
 * cached per principal, the permission-aware cache of the entities a caller
 * may read, migration helpers, and resilient dependencies (timeouts, retries
 * and circuit breakers on cockatiel, reported on the readiness page). No domain logic; imports no Vigil plugin.
 * Test fixtures are in `@vigil/backend-kit/testUtils`.
 *
 * @packageDocumentation
 */
export {
  formatZodIssues,
  parse,
  parseStorable,
  rejectNulCharacters,
} from './parse';
export { createAudited, type AuditedMutation } from './audited';
export {
  createErrorResponder,
  errorStatus,
  type ErrorResponder,
  type ErrorResponderOptions,
  type ErrorResponseRequest,
  type ErrorResponseResponse,
  type HttpError,
} from './errorResponses';
export { actorOf, principalKey } from './principals';
export { whereInValues } from './sqlSets';
export { PrincipalCache, type PrincipalCacheOptions } from './PrincipalCache';
export {
  isVisible,
  ReadableEntitiesCache,
  type ReadableEntitiesCacheOptions,
} from './ReadableEntitiesCache';
export { pluginMigrations, type PluginMigrations } from './migrations';
export {
  clarifyValidationMessage,
  describeSchema,
  keepRawQuery,
  NO_NUL_PATTERN,
  rawQuery,
  type OpenApiMessageOperation,
  type OpenApiMessageParameter,
  type OpenApiMessageSchema,
} from './openApiMessages';
export {
  capLength,
  escapeControlCharacters,
  MAX_LOG_VALUE_LENGTH,
  REDACTED,
  redactTokens,
  SanitizingLogger,
  sanitizeLogString,
  sanitizeLogValue,
} from './logSanitizer';
// The root logger with the rotating JSON log file, and request context
// (request id, trace) for its lines.
export * from './logging';
export {
  revealsServerDetails,
  rootErrorBody,
  sanitizeErrorResponseBody,
  type RootErrorBody,
  type RootErrorBodyOptions,
} from './rootErrorHandler';
export {
  createDependencyHealth,
  createResilientFetch,
  DEPENDENCY_DEFAULTS,
  dependencyHealthServiceRef,
  DependencyUnavailableError,
  isDependencyFailure,
  throughDependency,
  type DependencyHealthOptions,
  type DependencyHealthService,
  type DependencyOptions,
  type DependencyState,
  type ResilientDependency,
  type ResilientFetchOptions,
} from './resilience';
export {
  NotificationCounter,
  sendNotification,
  type NotificationResult,
  type SendNotificationOptions,
} from './notifications';
