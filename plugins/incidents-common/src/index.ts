/**
 * Incidents and postmortems for Vigil: types, zod schemas and pure domain
 * logic (lifecycle, Alertmanager webhook planning, metrics, Markdown export).
 * Isomorphic: no Node or browser APIs, so the frontend and backend share it.
 *
 * @packageDocumentation
 */

export * from './model';
export * from './lifecycle';
export * from './alertmanagerPayload';
export * from './alertmanager';
export * from './alertCorrelation';
export * from './metrics';
export * from './markdown';
export * from './postmortemTimeline';
export * from './postmortemDraft';
export * from './api';
export * from './listCursor';
export * from './permissions';
export * from './text';
