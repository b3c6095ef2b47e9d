/**
 * Vigil's incidents backend plugin (plugin id `incidents`).
 *
 * @packageDocumentation
 */
export { incidentsPlugin as default } from './plugin';
export {
  incidentResourceRef,
  isIncidentCommanderRule,
  isIncidentOwnedByRule,
} from './permissions';
