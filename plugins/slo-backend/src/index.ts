/**
 * Vigil's SLO backend plugin (plugin id `slo`).
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export { sloSpecsRefreshPermission, sloPermissions } from './permissions';
