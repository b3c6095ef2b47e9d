/**
 * Vigil's on-call backend plugin: schedules, overrides and escalation
 * policies owned by catalog groups; who is on call; paging; iCal feeds.
 *
 * @packageDocumentation
 */
export { oncallPlugin as default } from './plugin';
export { ESCALATION_POLICY_ANNOTATION } from './service/OnCallDirectory';
