import type {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ReadableEntitiesCache } from '@vigil/backend-kit';
import { isSandboxEntityRef } from '@vigil/backstage-plugin-sandbox-common';
import type {
  Slo,
  SloEvaluationStatus,
} from '@vigil/backstage-plugin-slo-common';
import {
  defaultAlertWindows,
  generateRules,
  PrometheusRuleGroup,
  renderRulesYaml,
} from '@vigil/backstage-plugin-slo-common';
import type {
  HistoryCounts,
  ListSlosQuery,
  SloDefinitionSummary,
  SloStore,
} from '../database/SloStore';
import { alertWindowsFor } from './evaluation';
import { RenderedRules } from './RenderedRules';
import { statusCacheKey } from './SloEvaluator';
import type {
  FiringAlert,
  SloCurrentStatus,
  SloDefinition,
  SloEvaluation,
} from './types';

/** An SLO with its latest status, as the API returns it (slo-common's contract). */
export type SloView = Slo;

export interface HistorySummary extends HistoryCounts {
  /** Budget never overspent in the range; null without any data. */
  met: boolean | null;
}

export interface SloServiceOptions {
  store: SloStore;
  catalog: CatalogService;
  cache: CacheService;
  /**
   * Which of the SLO entities (`store.listEntityRefs`) a caller may read,
   * cached per principal.
   */
  readable: ReadableEntitiesCache;
  /**
   * Values older than this are reported as stale (as they all are while
   * Prometheus is unreachable), and so is an evaluation that has not run
   * for this long.
   */
  staleAfterMs: number;
  /** False without `vigil.prometheus.url`: SLOs are never evaluated. */
  evaluationEnabled?: boolean;
  now?: () => number;
}

/** Rule groups and their YAML, as `GET /rules` answers. */
export interface RulesOutput {
  groups: PrometheusRuleGroup[];
  yaml: string;
}

/** Generates (one generator call per period: each has its own alert windows) and renders. */
function renderRules(definitions: SloDefinition[]): RulesOutput {
  const byPeriod = new Map<string, SloDefinition[]>();
  for (const definition of definitions) {
    const list = byPeriod.get(definition.period) ?? [];
    list.push(definition);
    byPeriod.set(definition.period, list);
  }
  const groups: PrometheusRuleGroup[] = [];
  for (const [period, list] of byPeriod) {
    groups.push(
      ...generateRules(
        list.map(d => d.spec),
        {
          period,
          ...(!defaultAlertWindows(period) && {
            windows: alertWindowsFor(period),
          }),
        },
      ),
    );
  }
  return { groups, yaml: renderRulesYaml(groups) };
}

/** Read side of the API; every read is limited to entities the caller can read. */
export class SloService {
  private readonly now: () => number;
  // Two readers' renderings: what polls (a Prometheus sidecar) and one
  // person; at 5,000 SLOs one rendering holds about 35 MB of YAML besides
  // its groups, so more would cost more memory than rendering again does.
  private readonly renderedRules = new RenderedRules<RulesOutput>(2);

  constructor(private readonly options: SloServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The SLO entities the caller may read (`undefined`: every one), as the
   * catalog's read permission decides for the caller.
   */
  private async readableEntityRefs(credentials: BackstageCredentials) {
    return this.options.readable.readableEntityRefs(credentials);
  }

  async listSlos(
    credentials: BackstageCredentials,
    query: Omit<ListSlosQuery, 'entityRefs'>,
  ) {
    const entityRefs = await this.readableEntityRefs(credentials);
    const [{ items, totalCount }, outage] = await Promise.all([
      this.options.store.listSlos({ ...query, entityRefs }),
      this.outage(),
    ]);
    return {
      items: items.map(item => this.view(item.definition, item.status, outage)),
      totalCount,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * One SLO and its history in a range, downsampled to `points` for a chart;
   * the summary counts every evaluation of the range.
   */
  async getSlo(
    credentials: BackstageCredentials,
    sloId: string,
    range: { from: number; to: number; limit: number; points: number },
  ) {
    const definition = await this.options.store.getDefinition(sloId);
    // Unreadable SLOs are reported exactly like unknown ones, as the catalog
    // does, so their existence does not leak.
    if (
      !definition ||
      !(await this.canRead(credentials, definition.entityRef))
    ) {
      throw new NotFoundError(`No SLO with id "${sloId}"`);
    }
    const [status, history, outage] = await Promise.all([
      this.currentStatus(sloId),
      this.options.store.getChartHistory(sloId, range),
      this.outage(),
    ]);
    return {
      slo: { ...this.view(definition, status, outage), spec: definition.spec },
      history: {
        from: new Date(range.from).toISOString(),
        to: new Date(range.to).toISOString(),
        summary: summarize(history.counts),
        evaluations: history.evaluations.map(toEvaluationView),
      },
    };
  }

  async getEntitySlos(credentials: BackstageCredentials, entityRef: string) {
    if (!(await this.canRead(credentials, entityRef))) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    const record = await this.options.store.getEntity(entityRef);
    if (!record) {
      return {
        entityRef,
        specSource: null,
        errors: [],
        warnings: [],
        refreshedAt: null,
        slos: [],
      };
    }
    const statuses = new Map(record.statuses.map(s => [s.sloId, s]));
    const outage = await this.outage();
    return {
      entityRef,
      specSource: record.entity.specSource,
      errors: record.entity.errors,
      warnings: record.entity.warnings,
      refreshedAt: new Date(record.entity.refreshedAt).toISOString(),
      slos: record.definitions.map(d =>
        this.view(d, statuses.get(d.sloId), outage),
      ),
    };
  }

  /**
   * Rule groups of every readable SLO, or of one entity's. All readable
   * SLOs' rules are rendered once per reader until the definitions change
   * (see RenderedRules); one entity's are cheap and read afresh.
   */
  async getRules(
    credentials: BackstageCredentials,
    entityRef: string | undefined,
  ): Promise<RulesOutput> {
    if (entityRef) {
      if (!(await this.canRead(credentials, entityRef))) {
        throw new NotFoundError(`No entity ${entityRef}`);
      }
      return renderRules(
        (await this.options.store.getEntity(entityRef))?.definitions ?? [],
      );
    }
    const [refs, version] = await Promise.all([
      this.readableEntityRefs(credentials),
      this.options.store.definitionsVersion(),
    ]);
    const readable = refs && new Set(refs);
    const reader = refs ? [...refs].sort().join('\n') : '*';
    return this.renderedRules.get(version, reader, async () =>
      renderRules(
        // Catalog-wide rules are the real ones: a Prometheus loading them
        // never records the sandbox's SLOs (an entity's own rules still
        // include them).
        (await this.options.store.listDefinitions()).filter(
          d =>
            (!readable || readable.has(d.entityRef)) &&
            !isSandboxEntityRef(d.entityRef),
        ),
      ),
    );
  }

  /**
   * Deletes the evaluation history of every SLO of `namespace`'s entities
   * (the router allows the sandbox's only); returns the number of rows.
   */
  async purgeHistory(namespace: string): Promise<{ evaluations: number }> {
    return { evaluations: await this.options.store.purgeHistory(namespace) };
  }

  /**
   * How evaluation is going, from the record every replica shares: what the
   * portal's banner shows. Not per entity, so any signed-in caller may read
   * it; the error is short and has no credentials (see evaluationStatus.ts).
   */
  async getEvaluationStatus(): Promise<SloEvaluationStatus> {
    const enabled = this.options.evaluationEnabled ?? true;
    const record = await this.options.store.getEvaluationRecord();
    const iso = (time: number | null | undefined) =>
      typeof time === 'number' ? new Date(time).toISOString() : null;
    let prometheus: SloEvaluationStatus['prometheus'] = 'unknown';
    if (record) {
      prometheus =
        record.unreachableSince === null ? 'reachable' : 'unreachable';
    }
    return {
      enabled,
      prometheus,
      unreachableSince: iso(record?.unreachableSince),
      lastAttemptAt: iso(record?.lastAttemptAt),
      lastSuccessAt: iso(record?.lastSuccessAt),
      lastError: record?.lastError ?? null,
      stalled:
        enabled &&
        record !== undefined &&
        this.now() - record.lastAttemptAt > this.options.staleAfterMs,
    };
  }

  /** Whether Prometheus is unreachable now: every value is then stale. */
  private async outage(): Promise<boolean> {
    const record = await this.options.store.getEvaluationRecord();
    return record !== undefined && record.unreachableSince !== null;
  }

  private async canRead(credentials: BackstageCredentials, entityRef: string) {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity !== undefined;
  }

  private async currentStatus(sloId: string) {
    const cached = await this.options.cache.get(statusCacheKey(sloId));
    if (cached) return cached as unknown as SloCurrentStatus;
    return await this.options.store.getCurrentStatus(sloId);
  }

  private view(
    definition: SloDefinitionSummary,
    status: SloCurrentStatus | undefined,
    outage: boolean,
  ): SloView {
    return {
      sloId: definition.sloId,
      entityRef: definition.entityRef,
      service: definition.service,
      name: definition.name,
      description: definition.description ?? null,
      objectivePercent: definition.objectivePercent,
      period: definition.period,
      owner: definition.owner ?? null,
      system: definition.system ?? null,
      lifecycle: definition.lifecycle ?? null,
      status: status?.status ?? 'no-data',
      evaluatedAt: status ? new Date(status.evaluatedAt).toISOString() : null,
      // Kept values are stale as soon as Prometheus fails, not only after
      // three missed intervals: they can no longer change.
      stale: status
        ? outage || this.now() - status.evaluatedAt > this.options.staleAfterMs
        : false,
      sli: status?.sli ?? null,
      budgetRemaining: status?.budgetRemaining ?? null,
      burnRates: status?.burnRates ?? {},
      firingAlert: status?.firingAlert ?? null,
      firingAlerts: firingAlertsOf(status),
      error: status?.error ?? null,
    };
  }
}

function toEvaluationView(evaluation: SloEvaluation) {
  return {
    evaluatedAt: new Date(evaluation.evaluatedAt).toISOString(),
    sli: evaluation.sli,
    budgetRemaining: evaluation.budgetRemaining,
    burnRates: evaluation.burnRates,
    firingAlert: evaluation.firingAlert,
    firingAlerts: firingAlertsOf(evaluation),
    status: evaluation.status,
  };
}

/** Cached statuses from before `firingAlerts` existed only have the most severe. */
function firingAlertsOf(evaluation: SloEvaluation | undefined): FiringAlert[] {
  if (!evaluation) return [];
  if (Array.isArray(evaluation.firingAlerts)) return evaluation.firingAlerts;
  return evaluation.firingAlert ? [evaluation.firingAlert] : [];
}

/** Whether the objective held over a range, from the stored history alone. */
export function summarize(counts: HistoryCounts): HistorySummary {
  return {
    evaluations: counts.evaluations,
    evaluationsWithData: counts.evaluationsWithData,
    evaluationsOverBudget: counts.evaluationsOverBudget,
    met:
      counts.evaluationsWithData === 0
        ? null
        : counts.evaluationsOverBudget === 0,
  };
}
