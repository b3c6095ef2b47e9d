/**
 * Vigil's launch-gates frontend plugin. The plugin itself (new frontend
 * system) is the default export of `@vigil/backstage-plugin-launch-gates/alpha`;
 * this entry point exports the API ref, the tab's filter and path for other
 * plugins and tests.
 *
 * @packageDocumentation
 */
export { launchGatesApiRef } from './api/LaunchGatesApi';
export type { LaunchGatesApi } from './api/LaunchGatesApi';
export { isLaunchTabAvailable } from './lib/filters';
export { LAUNCH_TAB_PATH } from './lib/routes';
