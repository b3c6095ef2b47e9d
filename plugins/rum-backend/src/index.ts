/**
 * Vigil's real-user monitoring backend plugin: a Grafana Faro collector,
 * web vitals as Prometheus histograms by route, exceptions grouped by
 * fingerprint with source-mapped stacks, and the portal's usage.
 *
 * @packageDocumentation
 */
export { rumPlugin as default } from './plugin';
export {
  defaultRumPolicyDecision,
  rumErrorsReadPermission,
} from '@vigil/backstage-plugin-rum-common';
