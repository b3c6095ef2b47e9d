/**
 * Isomorphic types and pure logic of Vigil's sandbox: what a sandbox entity
 * is (namespace `sandbox`), the fault settings and their schemas, the purge
 * request the incidents and SLO backends accept, the permissions and their
 * default decision, and the client of the sandbox API.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './client';
export * from './entities';
export * from './faults';
export * from './permissions';
