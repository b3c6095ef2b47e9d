/**
 * Isomorphic types, zod schemas and pure logic of Vigil's real-user
 * monitoring: the Faro payload schema (what Grafana Alloy's faro.receiver
 * accepts), route normalisation to the app's patterns (bounded labels),
 * exception fingerprints, web vitals, the permission and the API client.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './client';
export * from './faroPayload';
export * from './fingerprint';
export * from './permissions';
export * from './routes';
export * from './webVitals';
export * from './percentile';
