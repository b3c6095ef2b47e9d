/**
 * Test fixtures shared by Vigil's backend plugins' tests.
 *
 * @packageDocumentation
 */
export {
  migrationRoundTrip,
  schemaSnapshot,
  type MigrationRoundTripReport,
  type SchemaSnapshot,
} from './migrationRoundTrip';
export { describeMigrationRoundTrip } from './describeMigrationRoundTrip';
export { itRunsOnTheRequiredDatabase } from './requiredDatabase';
export { testDatabases } from './testDatabases';
