/**
 * Vigil's deployments backend plugin: records of every deploy, rollback and
 * rollback drill of a catalog entity, and DORA figures per entity.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
export { DEPLOY_TOKEN_SUBJECT } from './config';
