/**
 * Search collators for Vigil incidents and published postmortems.
 *
 * @packageDocumentation
 */
export { searchModuleIncidentsCollator as default } from './module';
export { IncidentsCollatorFactory } from './IncidentsCollatorFactory';
export type { IncidentDocument } from './IncidentsCollatorFactory';
