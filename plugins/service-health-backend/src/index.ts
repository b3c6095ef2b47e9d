/**
 * Vigil's service health backend plugin: golden signals, saturation and
 * service-specific series of catalog entities from Prometheus, for the
 * Health tab.
 *
 * @packageDocumentation
 */
export { serviceHealthPlugin as default } from './plugin';
