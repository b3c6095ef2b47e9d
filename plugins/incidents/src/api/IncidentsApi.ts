import { createApiRef } from '@backstage/core-plugin-api';
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
 * Talks to the incidents backend (`/api/incidents`). Failed requests reject
 * with a `ResponseError` (message in `body.error.message`, see
 * `errorMessage`), except version conflicts (409), which reject with an
 * `IncidentsConflictError` carrying the current state.
 * @public
 */
export interface IncidentsApi {
  /** Severity names/descriptions and lifecycle options. */
  getConfig(): Promise<IncidentsUiConfig>;

  /** One page of incidents, newest declared first. */
  listIncidents(query?: IncidentListQuery): Promise<IncidentList>;
  declareIncident(request: DeclareIncidentRequest): Promise<IncidentDetails>;
  getIncident(incidentId: string): Promise<IncidentDetails>;
  /** Conflict (409): `IncidentsConflictError<IncidentDetails>`. */
  updateIncident(
    incidentId: string,
    request: UpdateIncidentRequest,
  ): Promise<IncidentDetails>;
  addNote(incidentId: string, text: string): Promise<IncidentDetails>;
  addLink(incidentId: string, link: AddLinkRequest): Promise<IncidentDetails>;
  /**
   * Acknowledges an incident (e.g. one an alert opened): records who and
   * when. Conflict (409: already acknowledged, or a stale version):
   * `IncidentsConflictError<IncidentDetails>`.
   */
  acknowledgeIncident(
    incidentId: string,
    expectedVersion: number,
  ): Promise<IncidentDetails>;
  /**
   * Makes the caller the commander of an incident that has none (allowed
   * for members of a group owning an affected entity; 403 otherwise).
   * Conflict (409): `IncidentsConflictError<IncidentDetails>`.
   */
  takeCommand(
    incidentId: string,
    expectedVersion: number,
  ): Promise<IncidentDetails>;

  /** Only for resolved or closed incidents; 409 when one exists (`current` is it). */
  createPostmortem(incidentId: string): Promise<PostmortemDetails>;
  listPostmortems(query?: PostmortemListQuery): Promise<PostmortemList>;
  getPostmortem(postmortemId: string): Promise<PostmortemDetails>;
  /** Conflict (409): `IncidentsConflictError<PostmortemDetails>`. */
  savePostmortem(
    postmortemId: string,
    request: SavePostmortemRequest,
  ): Promise<PostmortemDetails>;
  /** Conflict (409): `IncidentsConflictError<PostmortemDetails>`. */
  changePostmortemState(
    postmortemId: string,
    request: ChangePostmortemStateRequest,
  ): Promise<PostmortemDetails>;
  /** The postmortem rendered as Markdown. */
  getPostmortemMarkdown(postmortemId: string): Promise<string>;

  listActionItems(query: ActionItemListQuery): Promise<ActionItemList>;
  updateActionItem(
    actionItemId: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItemWithContext>;

  /** Incident metrics over a period (the server defaults to 30 days). */
  getMetrics(query?: MetricsQuery): Promise<IncidentMetricsResponse>;
}

/** @public */
export const incidentsApiRef = createApiRef<IncidentsApi>({
  id: 'plugin.incidents.service',
});
