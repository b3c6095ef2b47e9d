/**
 * Vigil deployments: isomorphic types, zod schemas and pure domain logic
 * shared by the deploy CLI, the backend and the frontends.
 *
 * @packageDocumentation
 */
export * from './records';
export * from './permissions';
