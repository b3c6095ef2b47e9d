import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  histogramQuantile,
  RUM_USAGE_RANGE_MS,
  rumErrorsReadPermission,
  WEB_VITAL_BUCKETS,
  type RumErrorGroupDetail,
  type RumErrorGroupList,
  type RumRouteUsage,
  type RumUsage,
  type RumUsageRange,
} from '@vigil/backstage-plugin-rum-common';
import type { RumStore } from '../database/RumStore';

/**
 * What the portal reads: error groups (portal admins: `rum.errors.read`)
 * and the portal's usage (any signed-in user or service: counts and route
 * patterns, nothing personal).
 */
export class RumReadService {
  constructor(
    private readonly options: {
      store: RumStore;
      permissions: PermissionsService;
      now: () => number;
    },
  ) {}

  async listErrorGroups(
    query: { limit: number; offset: number },
    credentials: BackstageCredentials,
  ): Promise<RumErrorGroupList> {
    await this.authorizeErrors(credentials);
    return this.options.store.listErrorGroups(query);
  }

  async getErrorGroup(
    fingerprint: string,
    credentials: BackstageCredentials,
  ): Promise<RumErrorGroupDetail> {
    await this.authorizeErrors(credentials);
    const group = await this.options.store.getErrorGroup(fingerprint);
    if (!group) throw new NotFoundError(`No error group ${fingerprint}`);
    return group;
  }

  async usage(range: RumUsageRange): Promise<RumUsage> {
    const to = this.options.now();
    const from = to - RUM_USAGE_RANGE_MS[range];
    const rows = await this.options.store.readUsage(from, to);
    const routes = new Map<string, RumRouteUsage>();
    const routeOf = (route: string) => {
      let usage = routes.get(route);
      if (!usage) {
        usage = { route, pageLoads: 0, lcpP75Seconds: null, lcpSamples: 0 };
        routes.set(route, usage);
      }
      return usage;
    };
    for (const { route, count } of rows.pageLoads)
      routeOf(route).pageLoads += count;
    const lcpCounts = new Map<string, number[]>();
    const bounds = WEB_VITAL_BUCKETS.lcp;
    for (const b of rows.vitalBuckets) {
      if (b.vital !== 'lcp' || b.bucket < 0 || b.bucket > bounds.length)
        continue;
      const counts =
        lcpCounts.get(b.route) ?? new Array(bounds.length + 1).fill(0);
      counts[b.bucket] += b.count;
      lcpCounts.set(b.route, counts);
    }
    for (const [route, counts] of lcpCounts) {
      const usage = routeOf(route);
      usage.lcpSamples = counts.reduce((sum, c) => sum + c, 0);
      const p75 = histogramQuantile(0.75, bounds, counts);
      usage.lcpP75Seconds = p75 === null ? null : Math.round(p75 * 1000) / 1000;
    }
    const sorted = [...routes.values()].sort(
      (a, b) =>
        (b.lcpP75Seconds ?? -1) - (a.lcpP75Seconds ?? -1) ||
        b.pageLoads - a.pageLoads ||
        a.route.localeCompare(b.route),
    );
    return {
      range,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      users: rows.users,
      sessions: rows.sessions,
      errorSessions: rows.errorSessions,
      pageLoads: rows.pageLoads.reduce((sum, r) => sum + r.count, 0),
      routes: sorted,
    };
  }

  private async authorizeErrors(credentials: BackstageCredentials) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: rumErrorsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Only portal admins may read the JavaScript errors (permission rum.errors.read)',
      );
    }
  }
}
