/**
 * Test fixtures shared by Vigil's backend plugins' tests.
 *
 * @packageDocumentation
 */
export { itRunsOnTheRequiredDatabase } from './requiredDatabase';
export { testDatabases } from './testDatabases';
