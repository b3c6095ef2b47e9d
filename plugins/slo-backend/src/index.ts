/**
 * Vigil's SLO backend plugin (plugin id `slo`).
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export {
  defaultSloPolicyDecision,
  sloSpecsRefreshPermission,
  sloPermissions,
} from './permissions';
export type { SloPolicyUser } from './permissions';
