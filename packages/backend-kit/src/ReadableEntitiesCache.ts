import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PrincipalCache } from './PrincipalCache';

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
  private readonly cache: PrincipalCache<string[] | undefined>;

  constructor(private readonly options: ReadableEntitiesCacheOptions) {
    this.cache = new PrincipalCache({
      auth: options.auth,
      ttlMs: options.ttlMs ?? 30_000,
      now: options.now,
    });
  }

  readableEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    return this.cache.get(credentials, c => this.compute(c));
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
