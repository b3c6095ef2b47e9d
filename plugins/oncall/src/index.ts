/**
 * Vigil's on-call frontend plugin. The plugin itself (new frontend system) is
 * the default export of `@vigil/backstage-plugin-oncall/alpha`; this entry
 * point exports the API and the entity filters for other plugins and tests.
 *
 * @packageDocumentation
 */
export { onCallApiRef, OnCallClient } from './api';
export type {
  CalendarToken,
  CreatedCalendarToken,
  FinalSegment,
  ListResponse,
  MyShift,
  OnCallAnswer,
  OnCallApi,
  OnCallNow,
  OnCallQuery,
  OverrideJson,
  PageDelivery,
  PageJson,
  PageListQuery,
  PageOutcome,
  Range,
  ScheduleListQuery,
  ScheduleTimeline,
  TemporaryScheduleJson,
  TimelineShift,
} from './api';
export {
  hasOnCallCard,
  isOnCallGroup,
  ON_CALL_CARD_KINDS,
} from './lib/filters';
