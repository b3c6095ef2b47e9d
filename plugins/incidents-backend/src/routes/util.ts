import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { resourceIdSchema } from '@vigil/backstage-plugin-incidents-common';
import type { AuditedMutation } from '@vigil/backend-kit';
import type express from 'express';
import type { IncidentsBackendConfig } from '../config';
import type { AuthorizedIncidents } from '../service/AuthorizedIncidents';
import type { IncidentsServices } from '../service/createServices';
import { VersionConflictError } from '../service/errors';
import type { IncidentsTelemetry } from '../service/IncidentsTelemetry';

export { actorOf } from '../service/AuthorizedIncidents';
// `parse`: zod's (a 400 naming every bad field), after refusing NUL characters.
export { parseStorable as parse, rawQuery } from '@vigil/backend-kit';

export const idSchema = resourceIdSchema;

/** What every area's routes get: the services, the authorizer and the request helpers. */
export interface RouteContext {
  router: express.Router;
  services: IncidentsServices;
  authorizer: AuthorizedIncidents;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  config: IncidentsBackendConfig;
  telemetry?: IncidentsTelemetry;
  now: () => number;
  /** A user's or a service's credentials (401 otherwise). */
  credentialsOf(req: express.Request): Promise<BackstageCredentials>;
  /** Runs a mutation inside an auditor event (success with meta, or failure). */
  audited: AuditedMutation;
}

/** 409 with the stored state, so the client can show it and retry. */
export async function withConflicts<T>(
  res: express.Response,
  fn: () => Promise<T>,
  current: (value: unknown) => Promise<unknown>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof VersionConflictError) {
      res.status(409).json({
        error: { name: 'ConflictError', message: error.message },
        current: await current(error.current),
      });
      return undefined;
    }
    throw error;
  }
}
