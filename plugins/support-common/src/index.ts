/**
 * Isomorphic types, zod schemas and pure logic of Vigil's feedback and
 * support tickets: what the app sends, the statuses a ticket goes through,
 * the permissions and the API client.
 *
 * @packageDocumentation
 */
export * from './api';
export * from './client';
export * from './logic';
export * from './permissions';
export * from './schemas';
