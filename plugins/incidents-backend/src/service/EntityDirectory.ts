import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** Annotation naming the value(s) alerts carry in their service label, comma-separated. */
export const ALERT_SERVICE_ANNOTATION = 'vigil.dev/alert-service';

// In order of preference when a bare name is shared across kinds (a service
// and its API are often both called `checkout`): alerts are about services.
const ALERTABLE_KINDS = ['Component', 'System', 'Resource', 'API'];
const INDEX_TTL_MS = 60_000;
// A label that maps to nothing triggers at most one catalog read per this
// interval, so an alert storm for an unknown service cannot hammer the catalog.
const MISS_REFRESH_MS = 10_000;

/**
 * Lower wins when entities share a bare name: the `default` namespace first,
 * so a real `checkout` keeps its alerts although the sandbox (or any other
 * namespace) has one too, then the preferred kind. Entities elsewhere are
 * still matched by their alert-service annotation.
 */
function bareNameRank(entity: Entity): number {
  const kindRank = ALERTABLE_KINDS.findIndex(
    kind => kind.toLowerCase() === entity.kind.toLowerCase(),
  );
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const namespaceRank = namespace === DEFAULT_NAMESPACE ? 0 : 1;
  return namespaceRank * ALERTABLE_KINDS.length + kindRank;
}

function ownersOf(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
}

/**
 * What the incidents backend asks of the catalog: whether entities exist,
 * who owns them, and which entity an alert's service label names. The
 * alert index is kept in memory so the webhook answers without a catalog
 * round trip.
 */
export class EntityDirectory {
  private byLabel = new Map<string, string>();
  private owners = new Map<string, string[]>();
  private loadedAt = 0;
  private lastMissRefresh = 0;
  private loading?: Promise<void>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /**
   * The owners of each entity, read with the caller's credentials; refs the
   * caller cannot see or that do not exist are a 400 naming them.
   */
  async resolveOwners(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const missing = entityRefs.filter((_, i) => !items[i]);
    if (missing.length > 0) {
      throw new InputError(
        `Unknown entity ref(s) ${missing.join(', ')}: not found in the catalog`,
      );
    }
    const owners = new Set<string>();
    for (const entity of items) {
      for (const owner of ownersOf(entity!)) owners.add(owner);
    }
    return [...owners];
  }

  /** Whether the caller can read at least one of the entities in the catalog. */
  async canReadAny(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    return items.some(Boolean);
  }

  /** Loads the alert index when it is older than its TTL (first call waits). */
  async ensureFresh(): Promise<void> {
    if (this.now() - this.loadedAt < INDEX_TTL_MS) return;
    if (this.loadedAt === 0) {
      await this.reload();
      return;
    }
    // Stale but usable: refresh in the background, answer now.
    this.reload().catch(() => {});
  }

  /**
   * Looks up an alert's service label value. A miss may mean the entity was
   * registered since the last load: reload (rate-limited) and look again.
   */
  async lookupFresh(value: string): Promise<string | undefined> {
    const hit = this.byLabel.get(value);
    if (hit || this.now() - this.lastMissRefresh < MISS_REFRESH_MS) return hit;
    this.lastMissRefresh = this.now();
    await this.reload();
    return this.byLabel.get(value);
  }

  /** Synchronous lookup against the loaded index. */
  lookup(value: string): string | undefined {
    return this.byLabel.get(value);
  }

  /** Owners of an entity from the alert index (for incidents opened by alerts). */
  ownersFromIndex(entityRefs: string[]): string[] {
    return [...new Set(entityRefs.flatMap(ref => this.owners.get(ref) ?? []))];
  }

  private reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const byAnnotation = new Map<string, string>();
    // name → the preferred entity of that name (null when two of the same rank tie).
    const byName = new Map<string, { ref: string | null; rank: number }>();
    const owners = new Map<string, string[]>();
    let cursor: string | undefined;
    try {
      do {
        const page = await this.options.catalog.queryEntities(
          {
            ...(cursor
              ? { cursor }
              : { filter: ALERTABLE_KINDS.map(kind => ({ kind })) }),
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'metadata.annotations',
              'relations',
            ],
            limit: 500,
          },
          { credentials },
        );
        for (const entity of page.items) {
          const ref = stringifyEntityRef(entity);
          owners.set(ref, ownersOf(entity));
          const annotation =
            entity.metadata.annotations?.[ALERT_SERVICE_ANNOTATION];
          for (const value of (annotation ?? '').split(',')) {
            const trimmed = value.trim();
            if (trimmed) byAnnotation.set(trimmed, ref);
          }
          const name = entity.metadata.name;
          const rank = bareNameRank(entity);
          const seen = byName.get(name);
          if (!seen || rank < seen.rank) byName.set(name, { ref, rank });
          else if (rank === seen.rank && seen.ref !== ref) {
            byName.set(name, { ref: null, rank });
          }
        }
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
    } catch (error) {
      this.options.logger.warn(
        `Could not load catalog entities for alert mapping: ${error}`,
      );
      return;
    }
    const index = new Map<string, string>();
    for (const [name, { ref }] of byName) if (ref) index.set(name, ref);
    for (const [value, ref] of byAnnotation) index.set(value, ref);
    this.byLabel = index;
    this.owners = owners;
    this.loadedAt = this.now();
  }
}
