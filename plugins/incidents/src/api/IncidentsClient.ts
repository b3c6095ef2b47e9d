import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { responseErrorOf, toQueryString } from '@vigil/frontend-kit';
import { IncidentsConflictError } from './errors';
import type { IncidentsApi } from './IncidentsApi';
import type {
  ActionItemList,
  ActionItemListQuery,
  ActionItemWithContext,
  AddLinkRequest,
  ChangePostmortemStateRequest,
  DeclareIncidentRequest,
  IncidentDetails,
  IncidentList,
  IncidentListQuery,
  IncidentMetricsResponse,
  IncidentsUiConfig,
  MetricsQuery,
  PostmortemDetails,
  PostmortemList,
  PostmortemListQuery,
  SavePostmortemRequest,
  UpdateActionItemRequest,
  UpdateIncidentRequest,
} from './types';

/**
 * HTTP client of the incidents backend; fetchApi adds the user's token.
 * @public
 */
export class IncidentsClient implements IncidentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  // The UI config is static for the app's lifetime; ask for it once.
  private configPromise?: Promise<IncidentsUiConfig>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getConfig(): Promise<IncidentsUiConfig> {
    if (!this.configPromise) {
      this.configPromise = this.request<IncidentsUiConfig>('GET', '/config');
      this.configPromise.catch(() => {
        this.configPromise = undefined;
      });
    }
    return this.configPromise;
  }

  listIncidents(query: IncidentListQuery = {}): Promise<IncidentList> {
    return this.request(
      'GET',
      `/incidents${toQueryString({
        entityRef: query.entityRef,
        ownerRef: query.ownerRef,
        status: query.status,
        severity: query.severity,
        q: query.q,
        sandbox: query.sandbox,
        limit: query.limit,
        offset: query.offset,
        cursor: query.cursor,
      })}`,
    );
  }

  declareIncident(request: DeclareIncidentRequest): Promise<IncidentDetails> {
    return this.request('POST', '/incidents', request);
  }

  getIncident(incidentId: string): Promise<IncidentDetails> {
    return this.request('GET', `/incidents/${encodeURIComponent(incidentId)}`);
  }

  updateIncident(
    incidentId: string,
    request: UpdateIncidentRequest,
  ): Promise<IncidentDetails> {
    return this.request(
      'PATCH',
      `/incidents/${encodeURIComponent(incidentId)}`,
      request,
    );
  }

  addNote(incidentId: string, text: string): Promise<IncidentDetails> {
    return this.request(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/notes`,
      { text },
    );
  }

  addLink(incidentId: string, link: AddLinkRequest): Promise<IncidentDetails> {
    return this.request(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/links`,
      link,
    );
  }

  acknowledgeIncident(
    incidentId: string,
    expectedVersion: number,
  ): Promise<IncidentDetails> {
    return this.request(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/acknowledge`,
      { expectedVersion },
    );
  }

  takeCommand(
    incidentId: string,
    expectedVersion: number,
  ): Promise<IncidentDetails> {
    return this.request(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/take-command`,
      { expectedVersion },
    );
  }

  createPostmortem(incidentId: string): Promise<PostmortemDetails> {
    return this.request(
      'POST',
      `/incidents/${encodeURIComponent(incidentId)}/postmortem`,
    );
  }

  listPostmortems(query: PostmortemListQuery = {}): Promise<PostmortemList> {
    return this.request(
      'GET',
      `/postmortems${toQueryString({
        state: query.state,
        entityRef: query.entityRef,
        limit: query.limit,
        offset: query.offset,
      })}`,
    );
  }

  getPostmortem(postmortemId: string): Promise<PostmortemDetails> {
    return this.request(
      'GET',
      `/postmortems/${encodeURIComponent(postmortemId)}`,
    );
  }

  savePostmortem(
    postmortemId: string,
    request: SavePostmortemRequest,
  ): Promise<PostmortemDetails> {
    return this.request(
      'PUT',
      `/postmortems/${encodeURIComponent(postmortemId)}`,
      request,
    );
  }

  changePostmortemState(
    postmortemId: string,
    request: ChangePostmortemStateRequest,
  ): Promise<PostmortemDetails> {
    return this.request(
      'POST',
      `/postmortems/${encodeURIComponent(postmortemId)}/state`,
      request,
    );
  }

  async getPostmortemMarkdown(postmortemId: string): Promise<string> {
    const response = await this.send(
      'GET',
      `/postmortems/${encodeURIComponent(postmortemId)}/markdown`,
      undefined,
      'text/markdown',
    );
    return response.text();
  }

  listActionItems(query: ActionItemListQuery): Promise<ActionItemList> {
    return this.request(
      'GET',
      `/action-items${toQueryString({
        owner: query.owner.join(','),
        status: query.status,
        limit: query.limit,
        offset: query.offset,
      })}`,
    );
  }

  updateActionItem(
    actionItemId: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItemWithContext> {
    return this.request(
      'PATCH',
      `/action-items/${encodeURIComponent(actionItemId)}`,
      request,
    );
  }

  getMetrics(query: MetricsQuery = {}): Promise<IncidentMetricsResponse> {
    return this.request(
      'GET',
      `/metrics${toQueryString({
        entityRef: query.entityRef,
        from: query.from?.toISOString(),
        to: query.to?.toISOString(),
      })}`,
    );
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.send(method, path, body, 'application/json');
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    accept: string,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('incidents');
    const headers: Record<string, string> = { Accept: accept };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (response.ok) return response;
    // Read a copy: responseErrorOf reads the original.
    const errorBody = await response
      .clone()
      .json()
      .catch(() => undefined);
    if (
      response.status === 409 &&
      isRecord(errorBody) &&
      'current' in errorBody
    ) {
      throw new IncidentsConflictError(
        (isRecord(errorBody.error) &&
        typeof errorBody.error.message === 'string'
          ? errorBody.error.message
          : undefined) ?? 'Someone else changed this since you loaded it',
        errorBody.current,
      );
    }
    throw await responseErrorOf(response);
  }
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
