/**
 * What Vigil's `-common` packages and backends share, free of Node and of
 * the browser: a `-common` package may not import a node library, so this
 * is where code they both need lives: zod issue formatting, and finding
 * the NUL characters PostgreSQL cannot store.
 *
 * @packageDocumentation
 */
export { formatZodIssues } from './formatZodIssues';
export { nulBytePaths } from './nulBytePaths';
