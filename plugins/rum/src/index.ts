/**
 * Vigil's real-user monitoring frontend: Grafana Faro in the app, the
 * Errors page and the portal usage card. The new frontend system's plugin
 * is in `./alpha`.
 *
 * @packageDocumentation
 */
export { rumApiRef, type RumApi } from './api/RumApi';
export { hashUserRef } from './faro/hashUserRef';
