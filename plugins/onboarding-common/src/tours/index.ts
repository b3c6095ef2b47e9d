export {
  DEFAULT_TOUR_ROLE_GROUPS,
  isTourRole,
  TOUR_ROLES,
  tourRoleFor,
} from './roles';
export type { TourRole, TourRoleGroups } from './roles';
export { tourOf, TOURS, tourTarget } from './definitions';
export type { TourDefinition, TourStep } from './definitions';
export {
  applyTourEvent,
  describeTourProgress,
  NO_STORED_TOURS,
  NOT_STARTED,
  onPortalVisit,
  parseStoredTours,
  progressOf,
  reduceTourProgress,
  runningStep,
} from './progress';
export type { StoredTours, TourEvent, TourProgress } from './progress';
