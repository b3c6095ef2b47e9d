/**
 * Vigil's incidents frontend plugin. The plugin itself (new frontend system)
 * is the default export of `@vigil/backstage-plugin-incidents/alpha`; this
 * entry point exports the API for other plugins and tests.
 *
 * @packageDocumentation
 */
export {
  errorMessage,
  incidentsApiRef,
  IncidentsClient,
  IncidentsConflictError,
  isConflictError,
} from './api';
export type {
  ActionItemListQuery,
  IncidentListQuery,
  IncidentsApi,
  MetricsQuery,
  PostmortemListQuery,
} from './api';
export {
  ACTION_ITEM_OWNER_KINDS,
  INCIDENT_ENTITY_KINDS,
  isActionItemOwner,
  isIncidentsTabAvailable,
} from './lib/filters';
