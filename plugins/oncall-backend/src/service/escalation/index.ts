export {
  Pager,
  type PageOutcome,
  type PageRequest,
  type PagerOptions,
} from './Pager';
export { EscalationRunner, ESCALATION_TASK_ID } from './EscalationRunner';
export { EscalationTelemetry } from './EscalationTelemetry';
export {
  IncidentsClient,
  type IncidentsApi,
  type PagingEvent,
} from './IncidentsClient';
export {
  ONCALL_SIGNAL_CHANNEL,
  PAGE_NOTIFICATION_CHANNEL,
  PAGE_NOTIFICATION_TOPIC,
  pageLink,
  type PageSignal,
} from './PageMessenger';
export type {
  OnCallLookup,
  PagingDirectory,
  ReachedUser,
} from './TargetResolver';
