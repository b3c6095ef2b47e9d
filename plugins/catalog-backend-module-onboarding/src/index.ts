/**
 * Catalog module: reads the onboarding catalog folder, where "Add your
 * service" writes one folder per service, as file locations.
 *
 * @packageDocumentation
 */
export { catalogModuleOnboarding as default } from './module';
