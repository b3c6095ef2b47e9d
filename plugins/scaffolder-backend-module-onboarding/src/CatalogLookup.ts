import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';

/** Reads one entity from the catalog, undefined when it has none. */
export interface CatalogLookup {
  getComponent(name: string): Promise<Entity | undefined>;
}

/**
 * The catalog over HTTP with the module's own service credentials (plugins
 * call each other's APIs, DESIGN.md), so the check does not depend on what
 * the user running the template may read.
 */
export class HttpCatalogLookup implements CatalogLookup {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async getComponent(name: string): Promise<Entity | undefined> {
    const base = await this.discovery.getBaseUrl('catalog');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const response = await fetch(
      `${base}/entities/by-name/component/default/${encodeURIComponent(name)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new ServiceUnavailableError(
        `The catalog answered ${response.status} when looking up component:default/${name}`,
      );
    }
    return (await response.json()) as Entity;
  }
}

/** The file location an entity was read from, e.g. `file:/x/catalog-info.yaml`. */
export function managedByLocation(entity: Entity): string | undefined {
  return entity.metadata.annotations?.['backstage.io/managed-by-location'];
}
