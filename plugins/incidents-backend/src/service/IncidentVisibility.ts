import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const CACHE_LIMIT = 1_000;
// getEntitiesByRefs answers per ref; large catalogs are asked in slices.
const CATALOG_BATCH = 1_000;

/**
 * Which entities' incidents a caller may see. Incidents are as visible as
 * the entities they affect, so lists, metrics and postmortems follow the
 * catalog's read permission. `undefined` means every entity (the common
 * case of an unconditional allow, answered without reading the catalog).
 */
export class IncidentVisibility {
  private readonly cache = new Map<
    string,
    { refs: string[] | undefined; expiresAt: number }
  >();

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
      /** Every entity ref that appears on an incident. */
      incidentEntityRefs: () => Promise<string[]>;
      ttlMs?: number;
      now?: () => number;
    },
  ) {}

  async visibleEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const now = (this.options.now ?? Date.now)();
    const key = principalKey(credentials);
    const cached = key ? this.cache.get(key) : undefined;
    if (cached && cached.expiresAt > now) return cached.refs;

    const refs = await this.compute(credentials);
    if (key) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, {
        refs,
        expiresAt: now + (this.options.ttlMs ?? 30_000),
      });
    }
    return refs;
  }

  private async compute(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return [];
    // Conditional: let the catalog apply the conditions to the entities that
    // have incidents, as the caller.
    const refs = await this.options.incidentEntityRefs();
    const visible: string[] = [];
    for (let i = 0; i < refs.length; i += CATALOG_BATCH) {
      const slice = refs.slice(i, i + CATALOG_BATCH);
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: slice,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      slice.forEach((ref, index) => {
        if (items[index]) visible.push(ref);
      });
    }
    return visible;
  }
}

/** Whether an incident affecting `entityRefs` is visible given `visible`. */
export function isVisible(
  entityRefs: readonly string[],
  visible: readonly string[] | Set<string> | undefined,
): boolean {
  if (!visible) return true;
  const set = visible instanceof Set ? visible : new Set(visible);
  return entityRefs.some(ref => set.has(ref));
}

function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}
