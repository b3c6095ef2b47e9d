/**
 * Vigil's feedback and support backend plugin: feedback and support tickets
 * (SQLite or PostgreSQL), notifications to the portal admins and to a
 * ticket's reporter, a status the reporter follows.
 *
 * @packageDocumentation
 */
export { supportPlugin as default } from './plugin';
export {
  defaultSupportPolicyDecision,
  supportTicketManagePermission,
} from '@vigil/backstage-plugin-support-common';
