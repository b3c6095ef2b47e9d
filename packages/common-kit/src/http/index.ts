export { HttpApiError, readFailedResponse } from './HttpApiError';
export type { FailedResponse } from './HttpApiError';
export { queryString } from './queryString';
export type { QueryValue } from './queryString';
export { JsonHttpClient } from './JsonHttpClient';
export type {
  DiscoveryLike,
  FetchLike,
  JsonHttpClientOptions,
  JsonHttpMethod,
} from './JsonHttpClient';
