/**
 * Vigil service health frontend: the Health tab of catalog entities
 * (golden signals, saturation and service-specific series from Prometheus,
 * with deploy and incident markers). The app installs it from `./alpha`.
 *
 * @packageDocumentation
 */
export { serviceHealthApiRef } from './api';
export { EntityHealthContent } from './components/EntityHealthContent';
