/**
 * Vigil's sandbox backend plugin: fault injection into the synthetic
 * sandbox services and a one-action reset of sandbox faults, incidents,
 * postmortems and SLO history.
 *
 * @packageDocumentation
 */
export { sandboxPlugin as default } from './plugin';
export {
  defaultSandboxPolicyDecision,
  sandboxFaultsUpdatePermission,
  sandboxResetPermission,
} from '@vigil/backstage-plugin-sandbox-common';
