import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { SloApi } from './SloApi';
import type {
  EntitySlosResponse,
  SloDetailResponse,
  SloEntityName,
  SloHistoryQuery,
  SloListQuery,
  SloListResponse,
} from './types';

/**
 * HTTP client of the SLO backend; fetchApi adds the user's token.
 * @public
 */
export class SloClient implements SloApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listSlos(query: SloListQuery = {}): Promise<SloListResponse> {
    const params = new URLSearchParams();
    for (const key of [
      'owner',
      'system',
      'lifecycle',
      'status',
      'q',
      'order',
    ] as const) {
      const value = query[key];
      if (value) params.set(key, value);
    }
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    return this.get(`/slos${toQueryString(params)}`);
  }

  async getSlo(
    sloId: string,
    query: SloHistoryQuery = {},
  ): Promise<SloDetailResponse> {
    const params = new URLSearchParams();
    if (query.from) params.set('from', query.from.toISOString());
    if (query.to) params.set('to', query.to.toISOString());
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    return this.get(
      `/slos/${encodeURIComponent(sloId)}${toQueryString(params)}`,
    );
  }

  async getEntitySlos(entity: SloEntityName): Promise<EntitySlosResponse> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    return this.get(`/entities/${path}/slos`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function toQueryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
