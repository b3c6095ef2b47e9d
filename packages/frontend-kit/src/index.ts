/**
 * What every Vigil frontend plugin shares: query strings, failed responses
 * as `ResponseError`s with the backend's message, and the home widgets' row
 * layout.
 *
 * @packageDocumentation
 */
export { toQueryString } from './queryString';
export type { QueryValue } from './queryString';
export { responseErrorOf } from './responseError';
export { AllClear, ListFooter, useWidgetRowStyles } from './home/WidgetParts';
