import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  MeasuredValue,
  ReviewTemplate,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { LaunchGatesCheckProvider } from '@vigil/backstage-plugin-launch-gates-node';
import { z } from 'zod';
import { CheckEvaluator } from './CheckEvaluator';
import { CheckProviderRegistry } from './CheckProviderRegistry';
import { sha256OfJson } from './hash';
import { builtInCheckProviders } from '../providers';
import {
  startFakePlugins,
  type FakePlugins,
} from '../providers/__testUtils__/fakePlugins';
import {
  APP_BASE_URL,
  scoringApi,
  templateWith,
} from '../providers/__testUtils__/runCheck';

const NOW = new Date('2026-12-01T12:00:00Z');

/** A provider whose behaviour each test sets. */
function testProvider(
  evaluate: LaunchGatesCheckProvider<{ limit: number }>['evaluate'],
): LaunchGatesCheckProvider<{ limit: number }> {
  return {
    id: 'test',
    title: 'Test',
    description: 'A provider of the test',
    paramsSchema: z.object({ limit: z.number().default(10) }).strict(),
    measures: [
      { name: 'count', description: 'Things counted' },
      { name: 'flag', description: 'A flag' },
    ],
    defaultPassRule: params => [
      { measure: 'count', op: '<=', target: params.limit },
    ],
    evaluate,
  };
}

function evaluatorFor(
  providers: Array<LaunchGatesCheckProvider<any>>,
  plugins: FakePlugins,
  timeoutMs = 2000,
) {
  return new CheckEvaluator({
    registry: new CheckProviderRegistry(providers),
    auth: mockServices.auth(),
    discovery: mockServices.discovery.mock({
      getBaseUrl: async (pluginId: string) => plugins.baseUrlOf(pluginId),
    }),
    appBaseUrl: APP_BASE_URL,
    logger: mockServices.logger.mock(),
    timeoutMs,
  });
}

describe('CheckEvaluator', () => {
  let plugins: FakePlugins;
  beforeAll(async () => {
    plugins = await startFakePlugins();
  });
  afterAll(() => plugins.close());
  beforeEach(() => plugins.setRoutes([]));

  const evaluateOne = async (
    provider: LaunchGatesCheckProvider<any>,
    template: ReviewTemplate = templateWith(provider.id),
    timeoutMs?: number,
  ) => {
    const [result] = await evaluatorFor([provider], plugins, timeoutMs)
      .newCycle()
      .evaluate({ entity: scoringApi, template, now: NOW });
    return result;
  };

  it.each([
    {
      name: 'the default rule passes',
      outcome: { count: 3 },
      pass: undefined,
      status: 'pass',
      summary: 'counted',
    },
    {
      name: 'the default rule fails, naming the condition',
      outcome: { count: 12 },
      pass: undefined,
      status: 'fail',
      summary: 'counted; not met: count 12 <= 10',
    },
    {
      name: "the template's rule replaces the default",
      outcome: { count: 12, flag: true },
      pass: [{ measure: 'flag', op: '==' as const, target: true }],
      status: 'pass',
      summary: 'counted',
    },
    {
      name: 'an unmeasured value is unknown, never pass',
      outcome: { count: null },
      pass: undefined,
      status: 'unknown',
      summary: 'counted; not measured: count',
    },
  ])('$name', async ({ outcome, pass, status, summary }) => {
    const result = await evaluateOne(
      testProvider(async () => ({
        kind: 'measured',
        measurements: outcome as Record<string, MeasuredValue>,
        summary: 'counted',
      })),
      templateWith('test', {}, pass),
    );
    expect(result).toMatchObject({
      checkId: 'check',
      status,
      summary,
      evaluatedAt: NOW.toISOString(),
    });
    expect(result.evidenceHash).toBe(sha256OfJson(result.evidence));
  });

  it.each([
    {
      name: 'a throwing provider',
      evaluate: async () => {
        throw new Error('boom');
      },
      reason: 'boom',
    },
    {
      name: 'a provider that never answers (timeout)',
      evaluate: () => new Promise<never>(() => {}),
      reason: 'test gave no answer within 0.2 s',
    },
    {
      name: 'a provider reporting unknown',
      evaluate: async () => ({
        kind: 'unknown' as const,
        reason: 'source down',
      }),
      reason: 'source down',
    },
  ])(
    'gives unknown with the reason for $name',
    async ({ evaluate, reason }) => {
      const result = await evaluateOne(
        testProvider(evaluate as any),
        undefined,
        200,
      );
      expect(result.status).toBe('unknown');
      expect(result.summary).toBe(`Unknown: ${reason}`);
      expect(result.evidence).toEqual({
        measurements: {},
        outcomes: [],
        links: [],
        reason,
      });
    },
  );

  it('aborts a slow plugin read at the time limit', async () => {
    plugins.setRoutes([
      {
        plugin: 'slow',
        operation: 'GET /thing',
        answer: () => ({ body: {}, delayMs: 1000 }),
      },
    ]);
    let aborted = false;
    const result = await evaluateOne(
      testProvider(async ({ readPluginApi, signal }) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        await readPluginApi('slow', '/thing');
        return { kind: 'measured', measurements: { count: 1 }, summary: 'x' };
      }),
      undefined,
      200,
    );
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toBe('test gave no answer within 0.2 s');
    expect(aborted).toBe(true);
  });

  it('is unknown for an unknown provider or invalid params (a snapshot taken before a provider changed)', async () => {
    const provider = testProvider(async () => ({
      kind: 'measured',
      measurements: { count: 1 },
      summary: 'x',
    }));
    const [unknownProvider] = await evaluatorFor([provider], plugins)
      .newCycle()
      .evaluate({
        entity: scoringApi,
        template: templateWith('gone'),
        now: NOW,
      });
    expect(unknownProvider.evidence.reason).toBe(
      'no check provider gone (known: test)',
    );
    const invalid = await evaluateOne(
      provider,
      templateWith('test', { limit: 'ten' }),
    );
    expect(invalid.evidence.reason).toBe(
      'invalid params for test: limit: Expected number, received string',
    );
  });

  it('evaluates only the named checks, and only automated ones', async () => {
    const provider = testProvider(async () => ({
      kind: 'measured',
      measurements: { count: 1 },
      summary: 'x',
    }));
    const template = templateWith('test');
    template.spec.gates[0].checks.push(
      { ...template.spec.gates[0].checks[0], id: 'second' },
      {
        id: 'manual',
        type: 'manual',
        title: 'Manual',
        question: 'Yes?',
        answeredBy: 'owner',
        evidence: 'none',
        blocking: true,
      },
    );
    const cycle = evaluatorFor([provider], plugins).newCycle();
    const all = await cycle.evaluate({
      entity: scoringApi,
      template,
      now: NOW,
    });
    expect(all.map(r => r.checkId)).toEqual(['check', 'second']);
    const one = await cycle.evaluate({
      entity: scoringApi,
      template,
      checkIds: ['second'],
      now: NOW,
    });
    expect(one.map(r => r.checkId)).toEqual(['second']);
  });

  it('keeps the evidence hash when nothing changed, and changes it when a value does', async () => {
    let count = 1;
    const provider = testProvider(async () => ({
      kind: 'measured',
      measurements: { count },
      summary: `count ${count}`,
    }));
    const first = await evaluateOne(provider);
    const again = await evaluateOne(provider);
    count = 2;
    const changed = await evaluateOne(provider);
    expect(again.evidenceHash).toBe(first.evidenceHash);
    expect(changed.evidenceHash).not.toBe(first.evidenceHash);
  });

  it('reads each source once per cycle across 500 reviews of five entities', async () => {
    const entities: Entity[] = ['a', 'b', 'c', 'd', 'e'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
    }));
    plugins.setRoutes([
      {
        plugin: 'slo',
        operation: 'GET /entities/{kind}/{namespace}/{name}/slos',
        answer: params => ({
          body: {
            entityRef: `component:default/${params.name}`,
            specSource: null,
            errors: [],
            warnings: [],
            refreshedAt: null,
            slos: [],
          },
        }),
      },
      {
        plugin: 'incidents',
        operation: 'GET /incidents',
        answer: () => ({ body: { items: [], totalCount: 0 } }),
      },
    ]);
    const providers = builtInCheckProviders({
      reportSource: { latest: async () => undefined },
    });
    const evaluator = evaluatorFor(providers, plugins);
    const template: ReviewTemplate = {
      ...templateWith('slo-history'),
      spec: {
        gates: [
          {
            id: 'quality',
            title: 'Quality',
            checks: [
              {
                ...templateWith('slo-history').spec.gates[0].checks[0],
                id: 'slo',
              },
              {
                ...templateWith('incidents').spec.gates[0].checks[0],
                id: 'incidents',
              },
            ],
          },
        ],
      },
    };
    const cycle = evaluator.newCycle();
    const reviews = Array.from({ length: 500 }, (_, i) => entities[i % 5]);
    const results = [];
    // Four reviews at a time, as the scheduled cycle runs them.
    for (let i = 0; i < reviews.length; i += 4) {
      results.push(
        ...(await Promise.all(
          reviews
            .slice(i, i + 4)
            .map(entity => cycle.evaluate({ entity, template, now: NOW })),
        )),
      );
    }
    expect(results).toHaveLength(500);
    // Per entity: its SLOs, its open incidents, its recent incidents.
    expect(plugins.requests).toHaveLength(15);
    expect(cycle.reads).toBe(15);
    await evaluator
      .newCycle()
      .evaluate({ entity: entities[0], template, now: NOW });
    expect(plugins.requests).toHaveLength(18);
  });

  it('answers unknown when a plugin cannot be reached at all', async () => {
    const closed = await startFakePlugins();
    await closed.close();
    const [result] = await evaluatorFor(
      builtInCheckProviders({
        reportSource: { latest: async () => undefined },
      }),
      closed,
    )
      .newCycle()
      .evaluate({
        entity: scoringApi,
        template: templateWith('slo-history'),
        now: NOW,
      });
    expect(result.status).toBe('unknown');
    expect(result.evidence.reason).toMatch(
      /^the slo API \(GET \/entities\/component\/default\/scoring-api\/slos\) could not be read: fetch failed$/,
    );
  });
});
