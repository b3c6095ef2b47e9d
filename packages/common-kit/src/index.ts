/**
 * What Vigil's `-common` packages and backends share, free of Node and of
 * the browser: a `-common` package may not import a node library, so this
 * is where code they both need lives: zod issue formatting, finding
 * the NUL characters PostgreSQL cannot store, and the HTTP plumbing of the
 * `-common` API clients (error class, query strings, JSON requests).
 *
 * @packageDocumentation
 */
export { formatZodIssues } from './formatZodIssues';
export { nulBytePaths } from './nulBytePaths';
export { queryInteger } from './queryInteger';
export {
  HttpApiError,
  JsonHttpClient,
  queryString,
  readFailedResponse,
} from './http';
export type {
  DiscoveryLike,
  FailedResponse,
  FetchLike,
  JsonHttpClientOptions,
  JsonHttpMethod,
  QueryValue,
} from './http';
