/**
 * What Vigil's `-common` packages and backends share, free of Node and of
 * the browser: a `-common` package may not import a node library, so this
 * is where code they both need lives.
 *
 * @packageDocumentation
 */
export { formatZodIssues } from './formatZodIssues';
