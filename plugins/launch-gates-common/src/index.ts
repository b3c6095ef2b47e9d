/**
 * Vigil launch gates: isomorphic types, zod schemas and pure domain logic
 * shared by the backend, the frontend and the CLI.
 *
 * @packageDocumentation
 */
export * from './template';
export * from './passRule';
export * from './records';
export * from './readiness';
export * from './permissions';
export * from './exportDocument';
export * from './client';
