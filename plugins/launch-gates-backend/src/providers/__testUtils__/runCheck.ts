import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  PassCondition,
  ReviewTemplate,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import { CheckEvaluator } from '../../evaluation/CheckEvaluator';
import { CheckProviderRegistry } from '../../evaluation/CheckProviderRegistry';
import type { EvaluatedCheck } from '../../evaluation/types';
import type { FakePlugins } from './fakePlugins';

export const APP_BASE_URL = 'http://localhost:3000';

/** The scoring API's component, as catalog-info.yaml declares it. */
export const scoringApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'scoring-api',
    namespace: 'default',
    annotations: {
      'vigil.dev/alert-service': 'scoring-api',
      'vigil.dev/launch-template': 'default',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const SCORING_API_REF = 'component:default/scoring-api';

/** A one-check template for `provider`. */
export function templateWith(
  provider: string,
  params: Record<string, unknown> = {},
  pass?: PassCondition[],
): ReviewTemplate {
  return {
    apiVersion: 'vigil.dev/v1alpha1',
    kind: 'LaunchReviewTemplate',
    metadata: { name: 'test', title: 'Test' },
    spec: {
      gates: [
        {
          id: 'gate',
          title: 'Gate',
          checks: [
            {
              id: 'check',
              title: 'Check',
              type: 'automated',
              blocking: true,
              provider,
              params,
              ...(pass ? { pass } : {}),
            },
          ],
        },
      ],
    },
  };
}

export interface RunCheckOptions {
  provider: LaunchGatesCheckProvider<any>;
  plugins: FakePlugins;
  params?: Record<string, unknown>;
  pass?: PassCondition[];
  entity?: Entity;
  now: Date;
  evidenceDirectory?: string;
  linkBase?: string;
  prometheusUrl?: string;
  timeoutMs?: number;
}

/**
 * One check of `provider` through the real evaluator: real HTTP to the fake
 * plugins with the mock auth service's plugin request tokens.
 */
export async function runCheck(
  options: RunCheckOptions,
): Promise<EvaluatedCheck> {
  const evaluator = new CheckEvaluator({
    registry: new CheckProviderRegistry([options.provider]),
    auth: mockServices.auth(),
    discovery: mockServices.discovery.mock({
      getBaseUrl: async (pluginId: string) =>
        options.plugins.baseUrlOf(pluginId),
    }),
    evidenceDirectory: options.evidenceDirectory,
    linkBase: options.linkBase,
    prometheusUrl: options.prometheusUrl,
    appBaseUrl: APP_BASE_URL,
    logger: mockServices.logger.mock(),
    timeoutMs: options.timeoutMs ?? 5000,
  });
  const [result] = await evaluator.newCycle().evaluate({
    entity: options.entity ?? scoringApi,
    template: templateWith(options.provider.id, options.params, options.pass),
    now: options.now,
  });
  return result;
}
