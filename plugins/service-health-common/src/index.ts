/**
 * Vigil service health: the health annotations and their parsing, the
 * range-to-step choice, the PromQL of every panel, the state of an answer
 * and a client of the service health API, shared by the backend and the
 * Health tab.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './ranges';
export * from './queries';
export * from './state';
export * from './api';
export * from './client';
