/**
 * An entity's health over a range: the panels' queries from its
 * annotations, run against Prometheus, with deploy and incident markers;
 * answered only to callers who may read the entity and cached briefly per
 * entity and range.
 */
import { createHash } from 'node:crypto';
import type {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  alignedWindow,
  decideHealthState,
  planHealthPanels,
  planRange,
  readHealthAnnotations,
  type EntityHealth,
  type HealthMarkers,
  type HealthPanel,
  type HealthPanelPlan,
  type HealthRange,
  type HealthSeries,
} from '@vigil/backstage-plugin-service-health-common';
import type { MarkerSource } from './MarkerReader';
import {
  PrometheusUnavailableError,
  type PrometheusRangeClient,
  type RangeSeries,
} from './PrometheusRangeClient';

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

export interface HealthServiceOptions {
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  cache: CacheService;
  /** Undefined when `vigil.prometheus.url` is not set. */
  prometheus?: Pick<PrometheusRangeClient, 'queryRange' | 'lastReachableAt'>;
  markers?: MarkerSource;
  cacheTtlMs: number;
  now?: () => number;
}

const NO_MARKERS: HealthMarkers = { deploys: [], incidents: [], notes: [] };

/** Legend name of one answered series. */
function seriesName(
  queryName: string,
  labels: Record<string, string>,
  many: boolean,
): string {
  if (queryName === 'instance') {
    return labels.instance ?? (Object.values(labels).join(' ') || 'all');
  }
  const distinct = Object.entries(labels)
    .filter(([key]) => key !== '__name__')
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return many && distinct ? `${queryName} (${distinct})` : queryName;
}

type QueryOutcome =
  | { ok: true; series: RangeSeries[] }
  | { ok: false; unreachable: boolean; message: string };

export class HealthService {
  private readonly now: () => number;
  // One Prometheus round per entity and range at a time, however many ask.
  private readonly inFlight = new Map<string, Promise<EntityHealth>>();

  constructor(private readonly options: HealthServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async getHealth(
    name: EntityName,
    range: HealthRange,
    credentials: BackstageCredentials,
  ): Promise<EntityHealth> {
    const entityRef = stringifyEntityRef(name);
    // As the caller: the catalog answers nothing for an entity they may not read.
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityRef}, or you are not allowed to read it`,
      );
    }
    const annotations = entity.metadata.annotations ?? {};
    // The key changes with the annotations, so an edited entity is never
    // answered from the old queries.
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify([
          annotations['vigil.dev/prometheus-job'],
          annotations['vigil.dev/prometheus-selector'],
          annotations['vigil.dev/health-metrics'],
          annotations['vigil.dev/health-series'],
        ]),
      )
      .digest('hex')
      .slice(0, 16);
    const { endSeconds } = alignedWindow(range, this.now());
    const key = `health:v1:${entityRef}:${range}:${endSeconds}:${fingerprint}`;
    const cached = (await this.options.cache.get(key)) as unknown as
      | EntityHealth
      | undefined;
    if (cached) return cached;
    const running = this.inFlight.get(key);
    if (running) return running;
    const computing = this.compute(entityRef, annotations, range)
      .then(async health => {
        // An outage is not cached: the tab shows the charts as soon as
        // Prometheus is back (the breaker keeps the retries cheap).
        if (health.state !== 'prometheus-down') {
          await this.options.cache.set(key, health as unknown as JsonObject, {
            ttl: this.options.cacheTtlMs,
          });
        }
        return health;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, computing);
    return computing;
  }

  private async compute(
    entityRef: string,
    annotations: Record<string, string>,
    range: HealthRange,
  ): Promise<EntityHealth> {
    const plan = planRange(range);
    const window = alignedWindow(range, this.now());
    const read = readHealthAnnotations(annotations);
    const plans: HealthPanelPlan[] = read.selector
      ? planHealthPanels({
          selector: read.selector,
          profile: read.profile,
          rateWindow: plan.rateWindow,
          series: read.series,
        })
      : [];

    const fromMs = window.startSeconds * 1000;
    const toMs = window.endSeconds * 1000;
    const [outcomes, markers] = await Promise.all([
      Promise.all(
        plans.map(panel =>
          Promise.all(
            panel.queries.map(query => this.run(query.promql, window)),
          ),
        ),
      ),
      read.selector && this.options.markers
        ? this.options.markers.markers(entityRef, fromMs, toMs).catch(
            (error: Error): HealthMarkers => ({
              ...NO_MARKERS,
              notes: [`Markers are missing: ${error.message}`],
            }),
          )
        : Promise.resolve(NO_MARKERS),
    ]);

    let totalQueries = 0;
    let unreachableQueries = 0;
    const panels: HealthPanel[] = plans.map((panel, index) => {
      const series: HealthSeries[] = [];
      const failures: string[] = [];
      panel.queries.forEach((query, queryIndex) => {
        const outcome = outcomes[index][queryIndex];
        totalQueries += 1;
        if (!outcome.ok) {
          if (outcome.unreachable) unreachableQueries += 1;
          failures.push(outcome.message);
          return;
        }
        for (const answered of outcome.series) {
          series.push({
            name: seriesName(
              query.name,
              answered.labels,
              outcome.series.length > 1,
            ),
            points: answered.points,
          });
        }
      });
      const hasData = series.some(s => s.points.some(([, v]) => v !== null));
      const note =
        panel.unavailable ??
        (failures.length > 0 ? failures[0] : undefined) ??
        (hasData
          ? undefined
          : 'Prometheus has no data for this panel in this range');
      return {
        id: panel.id,
        title: panel.title,
        unit: panel.unit,
        group: panel.group,
        series,
        hasData,
        ...(note ? { note } : {}),
      };
    });

    const lastReachableAt = this.options.prometheus?.lastReachableAt();
    const decided = decideHealthState({
      selector: read.selector,
      panels,
      unreachableQueries,
      totalQueries,
      lastReachableAt,
    });
    const message =
      decided.state === 'prometheus-down' && !this.options.prometheus
        ? 'Prometheus is not configured (vigil.prometheus.url), so no health data can be shown.'
        : decided.message;
    return {
      entityRef,
      range,
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
      stepSeconds: plan.stepSeconds,
      rateWindow: plan.rateWindow,
      ...(read.selector ? { selector: read.selector } : {}),
      profile: read.profile,
      state: decided.state,
      message,
      missingPanels: decided.missingPanels,
      annotationIssues: read.issues,
      prometheus: {
        reachable: decided.state !== 'prometheus-down',
        ...(lastReachableAt ? { lastReachableAt } : {}),
      },
      panels,
      markers,
      generatedAt: new Date(this.now()).toISOString(),
    };
  }

  private async run(
    promql: string,
    window: { startSeconds: number; endSeconds: number; stepSeconds: number },
  ): Promise<QueryOutcome> {
    if (!this.options.prometheus) {
      return {
        ok: false,
        unreachable: true,
        message: 'Prometheus is not configured',
      };
    }
    try {
      return {
        ok: true,
        series: await this.options.prometheus.queryRange({ promql, ...window }),
      };
    } catch (error) {
      return {
        ok: false,
        unreachable: error instanceof PrometheusUnavailableError,
        message: (error as Error).message,
      };
    }
  }
}
