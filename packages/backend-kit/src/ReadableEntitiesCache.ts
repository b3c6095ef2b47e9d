import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { principalKey } from './principals';

const CACHE_LIMIT = 1_000;
// getEntitiesByRefs answers per ref; large catalogs are asked in slices.
const CATALOG_BATCH = 1_000;

/** @public */
export interface ReadableEntitiesCacheOptions {
  auth: Pick<AuthService, 'isPrincipal'>;
  permissions: PermissionsService;
  catalog: CatalogService;
  /**
   * Every entity ref the plugin holds data for: on a conditional decision,
   * the catalog is asked which of these the caller may read.
   */
  entityRefs: () => Promise<string[]>;
  /**
   * How long a principal's answer is reused before it is asked again
   * (default 30 s): a permission change takes this long to apply.
   */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Which entities a caller may read, following the catalog's read permission,
 * so a plugin's data is exactly as visible as the entities it belongs to.
 * `undefined` means every entity (the common case of an unconditional allow,
 * answered without reading the catalog); `[]` none (a deny). On a
 * conditional decision the catalog applies the conditions, as the caller, to
 * the plugin's entities. Answers are cached per principal for `ttlMs`.
 * @public
 */
export class ReadableEntitiesCache {
  private readonly cache = new Map<
    string,
    { refs: string[] | undefined; expiresAt: number }
  >();
  /** Answers being computed, per principal. */
  private readonly pending = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly options: ReadableEntitiesCacheOptions) {}

  async readableEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const now = (this.options.now ?? Date.now)();
    const key = principalKey(this.options.auth, credentials);
    if (!key) return this.compute(credentials);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.refs;

    // Concurrent requests of a principal (a page's, or a burst when the
    // answer expires) share one computation instead of each asking the
    // permission backend and the catalog. If it fails, each asks again
    // with its own credentials, so one caller's error is not another's.
    const pending = this.pending.get(key);
    if (pending) return pending.catch(() => this.compute(credentials));
    const computing = this.compute(credentials).then(refs => {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, {
        refs,
        expiresAt: now + (this.options.ttlMs ?? 30_000),
      });
      return refs;
    });
    this.pending.set(key, computing);
    try {
      return await computing;
    } finally {
      this.pending.delete(key);
    }
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
    // Conditional: let the catalog apply the conditions to the plugin's
    // entities, as the caller.
    const refs = await this.options.entityRefs();
    const readable: string[] = [];
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
        if (items[index]) readable.push(ref);
      });
    }
    return readable;
  }
}

/**
 * Whether something that belongs to `entityRefs` is visible given the
 * `readable` answer of {@link ReadableEntitiesCache} (`undefined`: all).
 * @public
 */
export function isVisible(
  entityRefs: readonly string[],
  readable: readonly string[] | Set<string> | undefined,
): boolean {
  if (!readable) return true;
  const set = readable instanceof Set ? readable : new Set(readable);
  return entityRefs.some(ref => set.has(ref));
}
