/*
 * Every plugin's catalog calls (catalogServiceRef) through the `catalog`
 * dependency: a timeout per attempt, the shared circuit breaker, and
 * retries with jittered backoff for the reads — GETs and the read-only
 * POST /entities/by-refs (queryEntities' /entities/by-query is a GET). The
 * methods are those of plugin-catalog-node's DefaultCatalogService (a
 * CatalogClient plus a plugin request token on behalf of the caller),
 * which is not exported and builds its client without a fetchApi.
 */
import {
  coreServices,
  createServiceFactory,
  type AuthService,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import {
  catalogServiceRef,
  type CatalogService,
  type CatalogServiceRequestOptions,
} from '@backstage/plugin-catalog-node';
import {
  createResilientFetch,
  dependencyHealthServiceRef,
  type ResilientDependency,
} from '@vigil/backend-kit';

type Client = CatalogClient;

/** The catalog's requests that only read, retried when they fail. */
export function isIdempotentCatalogRequest(method: string, url: URL): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return (
    method === 'POST' &&
    (url.pathname.endsWith('/entities/by-refs') ||
      url.pathname.endsWith('/entities/by-query'))
  );
}

/** The `catalog` dependency's display name and defaults (overridable under vigil.dependencies.catalog). */
export const CATALOG_DEPENDENCY = { displayName: 'The catalog' } as const;

/** A CatalogService whose requests go through `dependency`. */
export class ResilientCatalogService implements CatalogService {
  readonly #auth: AuthService;
  readonly #client: Client;

  constructor(options: {
    auth: AuthService;
    discovery: DiscoveryService;
    dependency: ResilientDependency;
    fetch?: typeof fetch;
  }) {
    this.#auth = options.auth;
    this.#client = new CatalogClient({
      discoveryApi: options.discovery,
      fetchApi: {
        fetch: createResilientFetch(options.dependency, {
          fetch: options.fetch,
          isIdempotent: isIdempotentCatalogRequest,
        }),
      },
    });
  }

  async #token(options: CatalogServiceRequestOptions) {
    return this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'catalog',
    });
  }

  async getEntities(
    request: Parameters<Client['getEntities']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getEntities(request, await this.#token(options));
  }

  async getEntitiesByRefs(
    request: Parameters<Client['getEntitiesByRefs']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getEntitiesByRefs(request, await this.#token(options));
  }

  async queryEntities(
    request: Parameters<Client['queryEntities']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.queryEntities(request, await this.#token(options));
  }

  async getEntityAncestors(
    request: Parameters<Client['getEntityAncestors']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getEntityAncestors(request, await this.#token(options));
  }

  async getEntityByRef(
    entityRef: Parameters<Client['getEntityByRef']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getEntityByRef(entityRef, await this.#token(options));
  }

  async removeEntityByUid(uid: string, options: CatalogServiceRequestOptions) {
    return this.#client.removeEntityByUid(uid, await this.#token(options));
  }

  async refreshEntity(
    entityRef: string,
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.refreshEntity(entityRef, await this.#token(options));
  }

  async getEntityFacets(
    request: Parameters<Client['getEntityFacets']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getEntityFacets(request, await this.#token(options));
  }

  async getLocations(
    request: Parameters<Client['getLocations']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getLocations(request, await this.#token(options));
  }

  async queryLocations(
    request: Parameters<Client['queryLocations']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.queryLocations(request, await this.#token(options));
  }

  async *streamLocations(
    request: Parameters<Client['streamLocations']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    yield* this.#client.streamLocations(request, await this.#token(options));
  }

  async getLocationById(id: string, options: CatalogServiceRequestOptions) {
    return this.#client.getLocationById(id, await this.#token(options));
  }

  async getLocationByRef(
    locationRef: string,
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getLocationByRef(
      locationRef,
      await this.#token(options),
    );
  }

  async addLocation(
    location: Parameters<Client['addLocation']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.addLocation(location, await this.#token(options));
  }

  async removeLocationById(id: string, options: CatalogServiceRequestOptions) {
    return this.#client.removeLocationById(id, await this.#token(options));
  }

  async updateLocation(
    id: string,
    location: Parameters<Client['updateLocation']>[1],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.updateLocation(
      id,
      location,
      await this.#token(options),
    );
  }

  async getLocationByEntity(
    entityRef: Parameters<Client['getLocationByEntity']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.getLocationByEntity(
      entityRef,
      await this.#token(options),
    );
  }

  async validateEntity(
    entity: Parameters<Client['validateEntity']>[0],
    locationRef: string,
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.validateEntity(
      entity,
      locationRef,
      await this.#token(options),
    );
  }

  async analyzeLocation(
    location: Parameters<Client['analyzeLocation']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    return this.#client.analyzeLocation(location, await this.#token(options));
  }

  async *streamEntities(
    request: Parameters<Client['streamEntities']>[0],
    options: CatalogServiceRequestOptions,
  ) {
    yield* this.#client.streamEntities(request, await this.#token(options));
  }
}

/** Replaces plugin-catalog-node's default factory of catalogServiceRef. */
export const catalogServiceFactory = createServiceFactory({
  service: catalogServiceRef,
  deps: {
    auth: coreServices.auth,
    discovery: coreServices.discovery,
    dependencyHealth: dependencyHealthServiceRef,
  },
  factory: ({ auth, discovery, dependencyHealth }) =>
    new ResilientCatalogService({
      auth,
      discovery,
      dependency: dependencyHealth.dependency('catalog', CATALOG_DEPENDENCY),
    }),
});
