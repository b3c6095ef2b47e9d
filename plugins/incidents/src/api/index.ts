export { incidentsApiRef } from './IncidentsApi';
export type { IncidentsApi } from './IncidentsApi';
export { IncidentsClient } from './IncidentsClient';
export {
  IncidentsConflictError,
  isConflictError,
  errorMessage,
} from './errors';
export * from './types';
