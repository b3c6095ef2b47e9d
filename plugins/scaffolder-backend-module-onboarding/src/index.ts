/**
 * Scaffolder actions of Vigil's "Add your service" template: write a
 * service's files into the portal's catalog folder (path-checked), publish
 * its TechDocs, create its starter on-call schedule.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOnboarding as default } from './module';
export { WRITE_SERVICE_ACTION_ID } from './actions/writeService';
export { PUBLISH_TECHDOCS_ACTION_ID } from './actions/publishTechDocs';
export { CREATE_STARTER_SCHEDULE_ACTION_ID } from './actions/createStarterSchedule';
