import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  parsePromDuration,
  SLO_SIGNAL_CHANNEL,
  SloSignalMessage,
} from '@vigil/backstage-plugin-slo-common';
import { isSandboxEntityRef } from '@vigil/backstage-plugin-sandbox-common';
import type { SloStore } from '../database/SloStore';
import {
  BatchPart,
  batchQueries,
  evaluateSlo,
  joinBatch,
  recordedRatios,
  recordedRatioSelector,
  recordingTargets,
  SLO_ID_LABEL,
  StatusThresholds,
  taggedExpression,
  windowsFor,
} from './evaluation';
import {
  InstantQueryClient,
  PrometheusQueryError,
  PrometheusUnavailableError,
} from './PrometheusClient';
import { SliExpressionCache } from './SliExpressionCache';
import type { SloCurrentStatus, SloDefinition } from './types';

const DAY_MS = 86_400_000;
/** History is kept for the longest SLO period plus this margin. */
const HISTORY_MARGIN_MS = 7 * DAY_MS;

export const statusCacheKey = (sloId: string) => `status:${sloId}`;

export interface SloEvaluatorOptions {
  store: SloStore;
  client: InstantQueryClient;
  cache: CacheService;
  logger: LoggerService;
  thresholds: StatusThresholds;
  /** Longest batched query, in characters. */
  maxQueryLength: number;
  /**
   * Least time between two history rows of an SLO (default 1 minute): the
   * current status follows every evaluation, history keeps its size (and
   * 7-day reads their resolution) when evaluations are frequent. A change
   * of status or firing alerts is always recorded.
   */
  historyIntervalMs?: number;
  /** Announces each cycle on the `vigil-slo` channel so open pages refresh. */
  signals?: Pick<SignalsService, 'publish'>;
  now?: () => number;
}

export type EvaluationRunResult =
  | {
      outcome: 'evaluated';
      evaluated: number;
      /** Of those, SLOs of sandbox entities (absent: none). */
      sandbox?: number;
      queries: number;
      /** SLO windows read from Sloth's recordings, and those queried raw. */
      windows: { recorded: number; raw: number };
    }
  | { outcome: 'unavailable'; error: string };

/**
 * Evaluates every SLO from Prometheus, records the results and caches the
 * latest status. Where Sloth's recording rules are loaded (the ones Vigil
 * generates) one selector per window reads every SLO's recorded ratio;
 * whatever they do not answer is queried raw, one batch of queries per
 * window (not per SLO). When
 * Prometheus is down the last known values stay in place (with their
 * evaluation time, so readers see their age) and the outage is recorded for
 * every replica to report. Pausing is the circuit breaker's business (the
 * `prometheus` dependency): while it is open a cycle fails at once without
 * calling Prometheus, so cycles keep their interval and the recorded status
 * stays current; the dependency logs the outage once when it starts and
 * once when it ends.
 */
export class SloEvaluator {
  private readonly now: () => number;
  /** The last history row written per SLO by this instance. */
  private readonly lastHistory = new Map<string, { at: number; key: string }>();
  private readonly rawExpressions = new SliExpressionCache();

  constructor(private readonly options: SloEvaluatorOptions) {
    this.now = options.now ?? Date.now;
  }

  async evaluate(): Promise<EvaluationRunResult> {
    const startedAt = this.now();
    const definitions = await this.options.store.listDefinitions();
    let result;
    try {
      result = await this.queryAll(definitions, startedAt);
    } catch (error) {
      if (!(error instanceof PrometheusUnavailableError)) throw error;
      await this.options.store.recordEvaluationOutcome({
        at: startedAt,
        ok: false,
        error: error.message,
      });
      return { outcome: 'unavailable', error: error.message };
    }

    const statuses: SloCurrentStatus[] = definitions.map(definition => ({
      ...evaluateSlo(
        definition,
        result.ratios.get(definition.sloId) ?? new Map(),
        startedAt,
        this.options.thresholds,
      ),
      error: result.errors.get(definition.sloId) ?? null,
    }));
    await this.options.store.recordEvaluations(statuses, {
      history: status => this.takesHistoryRow(status),
    });
    await Promise.all(
      statuses.map(status =>
        this.options.cache.set(statusCacheKey(status.sloId), { ...status }),
      ),
    );
    // After the figures: a reader never sees "reachable" beside old values.
    await this.options.store.recordEvaluationOutcome({
      at: startedAt,
      ok: true,
    });
    const sandbox = statuses.filter(s =>
      isSandboxEntityRef(s.entityRef),
    ).length;
    const evaluatedIds = new Set(statuses.map(status => status.sloId));
    for (const sloId of this.lastHistory.keys()) {
      if (!evaluatedIds.has(sloId)) this.lastHistory.delete(sloId);
    }
    await this.announce(statuses, startedAt);
    await this.pruneHistory(definitions, startedAt);
    return {
      outcome: 'evaluated',
      evaluated: statuses.length,
      ...(sandbox > 0 && { sandbox }),
      queries: result.queries,
      windows: result.windows,
    };
  }

  private async queryAll(definitions: SloDefinition[], time: number) {
    const ratios = new Map<string, Map<string, number | undefined>>();
    const errors = new Map<string, string>();
    const setRatio = (sloId: string, window: string, value: number) => {
      const bySlo = ratios.get(sloId) ?? new Map();
      bySlo.set(window, value);
      ratios.set(sloId, bySlo);
    };
    let queries = 0;

    // The recordings first: one cheap selector per window for every SLO.
    // The period window too: Sloth records the period ratio as the average
    // of the 5m ratios over the period (not the ratio of the raw counters),
    // and reading that is what evaluating from the recording rules means.
    // Its average covers only the time the 5m recording existed (since the
    // rules were loaded, or the first error of an events SLI).
    const { sloIdByKey } = recordingTargets(definitions);
    const allWindows = [...new Set(definitions.flatMap(windowsFor))];
    let recorded = 0;
    for (const window of sloIdByKey.size > 0 ? allWindows : []) {
      queries++;
      let samples;
      try {
        samples = await this.options.client.queryVector(
          recordedRatioSelector(window),
          time,
        );
      } catch (error) {
        if (!(error instanceof PrometheusQueryError)) throw error;
        continue; // the raw queries answer for this window
      }
      for (const [sloId, value] of recordedRatios(samples, sloIdByKey)) {
        setRatio(sloId, window, value);
        recorded++;
      }
    }

    // Raw SLIs for every SLO and window without a recorded value: rules not
    // loaded, an ambiguous SLO, or nothing recorded (Sloth records nothing
    // for an events SLI without an error series, which is zero errors).
    const partsByWindow = new Map<string, BatchPart[]>();
    this.rawExpressions.retainOnly(new Set(definitions.map(d => d.sloId)));
    for (const definition of definitions) {
      const { sloId } = definition;
      const missing = windowsFor(definition).filter(
        window => !ratios.get(sloId)?.has(window),
      );
      if (missing.length === 0) continue;
      let expressions: Map<string, string>;
      try {
        expressions = this.rawExpressions.expressionsFor(definition);
      } catch (error) {
        errors.set(sloId, (error as Error).message);
        continue;
      }
      for (const window of missing) {
        const expression = expressions.get(window);
        if (expression === undefined) continue;
        const parts = partsByWindow.get(window) ?? [];
        parts.push({ sloId, query: taggedExpression(sloId, expression) });
        partsByWindow.set(window, parts);
      }
    }

    let raw = 0;
    const runBatch = async (window: string, batch: BatchPart[]) => {
      queries++;
      try {
        const samples = await this.options.client.queryVector(
          joinBatch(batch),
          time,
        );
        for (const sample of samples) {
          const sloId = sample.labels[SLO_ID_LABEL];
          if (sloId) setRatio(sloId, window, sample.value);
        }
      } catch (error) {
        if (!(error instanceof PrometheusQueryError)) throw error;
        // One SLO's bad query must not cost the others their data: split
        // the batch until the offending SLO is alone.
        if (batch.length > 1) {
          const middle = Math.ceil(batch.length / 2);
          await runBatch(window, batch.slice(0, middle));
          await runBatch(window, batch.slice(middle));
        } else {
          errors.set(batch[0].sloId, `${window} window: ${error.message}`);
        }
      }
    };
    // Sequential: a handful of windows, and Prometheus is shared.
    for (const [window, parts] of partsByWindow) {
      raw += parts.length;
      for (const batch of batchQueries(parts, this.options.maxQueryLength)) {
        await runBatch(window, batch);
      }
    }
    return { ratios, errors, queries, windows: { recorded, raw } };
  }

  private takesHistoryRow(status: SloCurrentStatus): boolean {
    const interval = this.options.historyIntervalMs ?? 60_000;
    const key = `${status.status}/${status.firingAlerts.join(',')}`;
    const last = this.lastHistory.get(status.sloId);
    if (last && last.key === key && status.evaluatedAt - last.at < interval) {
      return false;
    }
    this.lastHistory.set(status.sloId, { at: status.evaluatedAt, key });
    return true;
  }

  /** One signal per cycle, naming the entities whose SLOs were evaluated. */
  private async announce(statuses: SloCurrentStatus[], evaluatedAt: number) {
    const { signals, logger } = this.options;
    const entityRefs = [...new Set(statuses.map(s => s.entityRef))].sort();
    if (!signals || entityRefs.length === 0) return;
    const message: SloSignalMessage = {
      type: 'evaluated',
      entityRefs,
      evaluatedAt: new Date(evaluatedAt).toISOString(),
    };
    try {
      await signals.publish({
        recipients: { type: 'broadcast' },
        channel: SLO_SIGNAL_CHANNEL,
        message,
      });
    } catch (error) {
      // Pages then refresh on their next load; evaluation must go on.
      logger.warn(`Could not publish the SLO evaluation signal: ${error}`);
    }
  }

  private async pruneHistory(definitions: SloDefinition[], now: number) {
    const longestPeriod = Math.max(
      30 * DAY_MS,
      ...definitions.map(d => parsePromDuration(d.period) ?? 0),
    );
    const removed = await this.options.store.pruneHistory(
      now - longestPeriod - HISTORY_MARGIN_MS,
    );
    if (removed > 0) {
      this.options.logger.debug(`Pruned ${removed} old SLO evaluations`);
    }
  }
}
