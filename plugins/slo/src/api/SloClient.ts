import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { responseErrorOf, toQueryString } from '@vigil/frontend-kit';
import type { SloApi } from './SloApi';
import type {
  EntitySlosResponse,
  SloDetailResponse,
  SloEntityName,
  SloEvaluationStatus,
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
    const { owner, system, lifecycle, status, q, sandbox } = query;
    const { order, limit, offset } = query;
    return this.get(
      `/slos${toQueryString({
        owner,
        system,
        lifecycle,
        status,
        q,
        sandbox,
        order,
        limit,
        offset,
      })}`,
    );
  }

  async getSlo(
    sloId: string,
    query: SloHistoryQuery = {},
  ): Promise<SloDetailResponse> {
    const { from, to, limit, points } = query;
    return this.get(
      `/slos/${encodeURIComponent(sloId)}${toQueryString({
        from,
        to,
        limit,
        points,
      })}`,
    );
  }

  async getEntitySlos(entity: SloEntityName): Promise<EntitySlosResponse> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    return this.get(`/entities/${path}/slos`);
  }

  async getEvaluationStatus(): Promise<SloEvaluationStatus> {
    return this.get('/status');
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await responseErrorOf(response);
    }
    return (await response.json()) as T;
  }
}
