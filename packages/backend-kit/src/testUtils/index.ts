/**
 * Test fixtures shared by Vigil's backend plugins' tests.
 *
 * @packageDocumentation
 */
export { testDatabases } from './testDatabases';
