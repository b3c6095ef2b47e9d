import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { AuditedMutation } from '@vigil/backend-kit';
import type express from 'express';
import type { OnCallServices } from '../service/createServices';
import type { OnCallAuthorizer } from '../service/OnCallAuthorizer';

// `parse`: zod's (a 400 naming every bad field), after refusing NUL characters.
export { parseStorable as parse, rawQuery } from '@vigil/backend-kit';

/** What every area's routes get: the services, the authorizer and the request helpers. */
export interface RouteContext {
  router: express.Router;
  services: OnCallServices;
  authorizer: OnCallAuthorizer;
  now: () => number;
  /** A user's or a service's credentials (401 otherwise). */
  credentialsOf(req: express.Request): Promise<BackstageCredentials>;
  /** Runs a mutation inside an auditor event (success with meta, or failure). */
  audited: AuditedMutation;
}

type Principal = { type?: string; userEntityRef?: string; subject?: string };

/** Who did it: a user ref, or the service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as Principal;
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type ?? 'unknown';
}

/** The signed-in user's ref; a 403 for services (the route is about a person). */
export function userOf(
  credentials: BackstageCredentials,
  what: string,
): string {
  const principal = credentials.principal as Principal;
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  throw new NotAllowedError(`Only a signed-in user may ${what}`);
}

/** A 403 unless the caller is a service (another backend). */
export function requireService(
  credentials: BackstageCredentials,
  what: string,
): void {
  if ((credentials.principal as Principal).type !== 'service') {
    throw new NotAllowedError(`Only backend services may ${what}`);
  }
}
