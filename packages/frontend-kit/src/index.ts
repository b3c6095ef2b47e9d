/**
 * What every Vigil frontend plugin shares: query strings, failed responses
 * as `ResponseError`s with the backend's message (and that message to show),
 * comma-separated lists, and the home widgets' row layout.
 *
 * @packageDocumentation
 */
export { toQueryString } from './queryString';
export type { QueryValue } from './queryString';
export { errorMessage, responseErrorOf } from './responseError';
export { CommaSeparated } from './CommaSeparated';
export { AllClear, ListFooter, useWidgetRowStyles } from './home/WidgetParts';
export { HelpIcon, helpDocsPath, helpTopics, VIGIL_DOCS_PATH } from './help';
export type { HelpTopic, HelpTopicId } from './help';
// "Report this problem": the API the support plugin implements, its button
// and the reportable error panel.
export * from './support';
// The Sandbox filter of the portal-wide SLO and incident lists.
export { SandboxListingSelect } from './sandbox/SandboxListingSelect';
export type { SandboxListingSelectProps } from './sandbox/SandboxListingSelect';
