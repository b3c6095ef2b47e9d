/**
 * Vigil deployments: isomorphic types, zod schemas and pure domain logic
 * shared by the deploy CLI, the backend and the frontends.
 *
 * @packageDocumentation
 */
export * from './records';
export * from './drill';
export * from './permissions';
export * from './deployStateMachine';
export * from './client';
export * from './timing';
export * from './dora';
