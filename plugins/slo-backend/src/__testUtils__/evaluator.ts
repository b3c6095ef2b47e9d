/**
 * The SloEvaluator's tests' setup: a store on SQLite with checkout's specs,
 * a fake Prometheus answering from tables, and a clock the tests advance.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseSloStore, sloMigrations } from '../database/DatabaseSloStore';
import {
  InstantQueryClient,
  PrometheusQueryError,
  VectorSample,
} from '../service/PrometheusClient';
import { SloEvaluator, SloEvaluatorOptions } from '../service/SloEvaluator';
import type { SloDefinition } from '../service/types';
import { definitionsFrom, memoryCache, SPEC_YAML } from './fixtures';

export const START = Date.parse('2026-06-01T12:00:00Z');
export const MINUTE = 60_000;
export const ENTITY = 'component:default/checkout';
export const OTHER_ENTITY = 'component:default/search';

const RECORDING = /^slo:sli_error:ratio_rate([0-9a-z]+)\{sloth_id!=""\}$/;

/**
 * Answers raw queries from a window -> (sloId -> value) table, and the
 * recording selectors from `recordings` (by default none are loaded).
 */
export class FakePrometheus implements InstantQueryClient {
  queries: string[] = [];
  failWith: Error | undefined;
  recordings: (window: string) => VectorSample[] = () => [];
  constructor(
    public values: (window: string, sloId: string) => number | undefined,
  ) {}
  get rawQueries() {
    return this.queries.filter(query => !RECORDING.test(query));
  }
  get recordingQueries() {
    return this.queries.filter(query => RECORDING.test(query));
  }
  async queryVector(query: string): Promise<VectorSample[]> {
    this.queries.push(query);
    if (this.failWith) throw this.failWith;
    const recording = query.match(RECORDING);
    if (recording) return this.recordings(recording[1]);
    if (query.includes('broken_metric')) {
      throw new PrometheusQueryError('parse error: unexpected identifier');
    }
    const window = query.match(/\[([0-9a-z]+)\]/)![1];
    const ids = [...query.matchAll(/"vigil_slo_id", "([^"]+)"/g)].map(
      m => m[1],
    );
    return ids.flatMap(sloId => {
      const value = this.values(window, sloId);
      return value === undefined
        ? []
        : [{ labels: { vigil_slo_id: sloId }, value }];
    });
  }
}

/** A recorded series of checkout's SLO `slo` as Sloth's rules write it. */
export const recordedSample = (slo: string, window: string, value: number) => ({
  labels: {
    __name__: `slo:sli_error:ratio_rate${window}`,
    sloth_id: `checkout-${slo}`,
    sloth_service: 'checkout',
    sloth_slo: slo,
    sloth_window: window,
  },
  value,
});

/**
 * Evaluators over fresh SQLite databases. Call once per test file, at its
 * top level (TestDatabases registers afterAll hooks).
 */
export function testEvaluators() {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(
    values: (window: string, sloId: string) => number | undefined,
    yaml = SPEC_YAML,
    extra: Partial<SloEvaluatorOptions> & {
      twoEntities?: boolean;
      /** More entities, with definitions as they are given. */
      entities?: Array<{ entityRef: string; definitions: SloDefinition[] }>;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    await sloMigrations.migrate(knex);
    const store = new DatabaseSloStore(knex);
    const entity = (
      entityRef: string,
      specYaml: string,
      definitions = definitionsFrom(specYaml, entityRef),
    ) => ({
      entity: {
        entityRef,
        specSource: { type: 'inline' as const },
        errors: [],
        warnings: [],
      },
      definitions,
    });
    await store.replaceSpecs(
      [
        // Listed out of order: the signal sorts the refs.
        ...(extra.twoEntities
          ? [
              entity(
                OTHER_ENTITY,
                SPEC_YAML.replace('service: checkout', 'service: search'),
              ),
            ]
          : []),
        ...(extra.entities ?? []).map(e =>
          entity(e.entityRef, '', e.definitions),
        ),
        entity(ENTITY, yaml),
      ],
      START,
    );
    const prometheus = new FakePrometheus(values);
    const logger = mockServices.logger.mock();
    const cache = memoryCache();
    let now = START;
    const evaluator = new SloEvaluator({
      store,
      client: prometheus,
      cache,
      logger,
      thresholds: { warningBudgetRemaining: 0.25 },
      maxQueryLength: 8000,
      now: () => now,
      ...extra,
    });
    return {
      store,
      prometheus,
      logger,
      cache,
      evaluator,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  return { setup };
}
