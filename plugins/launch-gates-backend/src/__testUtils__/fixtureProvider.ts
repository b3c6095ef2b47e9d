import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  launchGatesCheckProvidersExtensionPoint,
  type LaunchGatesCheckProvider,
} from '@vigil/backstage-plugin-launch-gates-node';
import { z } from 'zod';

/**
 * A check provider whose outcomes the test sets: `ok` per key (true passes,
 * false fails, absent is unknown, an Error is thrown), registered the way
 * another plugin would, through the extension point.
 */
export function fixtureProviders() {
  const outcomes = new Map<string, boolean | Error>();
  const provider: LaunchGatesCheckProvider<{ key: string }> = {
    id: 'fixture',
    title: 'Fixture',
    description: 'Outcomes set by the test',
    paramsSchema: z.object({ key: z.string() }).strict(),
    defaultPassRule: () => [{ measure: 'ok', op: '==', target: true }],
    measures: [{ name: 'ok', description: 'whether the test says so' }],
    async evaluate({ params }) {
      const outcome = outcomes.get(params.key);
      if (outcome instanceof Error) throw outcome;
      if (outcome === undefined) {
        return { kind: 'unknown', reason: `no outcome for ${params.key}` };
      }
      return {
        kind: 'measured',
        measurements: { ok: outcome },
        summary: `${params.key} is ${outcome ? 'fine' : 'not fine'}`,
      };
    },
  };
  const module = createBackendModule({
    pluginId: 'launch-gates',
    moduleId: 'test-fixture-provider',
    register(env) {
      env.registerInit({
        deps: { gates: launchGatesCheckProvidersExtensionPoint },
        async init({ gates }) {
          gates.addCheckProvider(provider);
        },
      });
    },
  });
  return {
    module,
    /** Sets the outcome of every check whose params name `key`. */
    set(key: string, outcome: boolean | Error | undefined) {
      if (outcome === undefined) outcomes.delete(key);
      else outcomes.set(key, outcome);
    },
  };
}
