import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { LaunchGatesCheckProvider } from './CheckProvider';

/**
 * Adds check providers to the launch gates.
 * @public
 */
export interface LaunchGatesCheckProvidersExtensionPoint {
  /** Ids must be unique across every provider, built-in ones included. */
  addCheckProvider(...providers: Array<LaunchGatesCheckProvider<any>>): void;
}

/**
 * The launch gates' extension point for check providers, used from a
 * backend module:
 *
 * ```ts
 * env.registerInit({
 *   deps: { gates: launchGatesCheckProvidersExtensionPoint },
 *   async init({ gates }) { gates.addCheckProvider(myProvider); },
 * });
 * ```
 * @public
 */
export const launchGatesCheckProvidersExtensionPoint =
  createExtensionPoint<LaunchGatesCheckProvidersExtensionPoint>({
    id: 'launch-gates.check-providers',
  });
