/**
 * Vigil on-call: isomorphic types, zod schemas and pure domain logic shared
 * by the frontend and backend.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './api';
export type {
  CalendarTokenJson,
  CreatedCalendarTokenJson,
  FinalSegmentJson,
  ListResponse,
  MyShift,
  OnCallAnswer,
  OnCallNow,
  OverrideJson,
  PageDeliveryJson,
  PageJson,
  PageOutcome,
  RangeJson,
  ScheduleTimeline,
  TemporaryScheduleJson,
  TimelineShiftJson,
} from './wire';
export * from './permissions';
export { isValidTimeZone } from './zones';
export {
  handoffAt,
  layerShifts,
  participantAt,
  participantOf,
  shiftIndexAt,
} from './rotation';
export type { TimeWindow } from './restrictions';
export {
  intersectWindows,
  mergeWindows,
  restrictionWindows,
} from './restrictions';
export { applyOverride, sortedRefs } from './overrides';
export type { FinalTimelineInput, OnCallInput } from './timeline';
export {
  finalTimeline,
  layersTimeline,
  mergeSegments,
  versionsTimeline,
} from './timeline';
export {
  gapsOf,
  nextChange,
  onCallAt,
  segmentAt,
  shiftsOf,
  usersWithChangedShifts,
} from './timelineQueries';
export type { EscalationPlan, EscalationTime } from './escalation';
export { escalationTimes, nextEscalation } from './escalation';
