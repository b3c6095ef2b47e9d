import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  nulBytePaths,
  resourceIdSchema,
} from '@vigil/backstage-plugin-incidents-common';
import { parse as parseWith } from '@vigil/backend-kit';
import type express from 'express';
import type { z } from 'zod';
import type { IncidentsBackendConfig } from '../config';
import type { AuthorizedIncidents } from '../service/AuthorizedIncidents';
import type { IncidentsServices } from '../service/createServices';
import { VersionConflictError } from '../service/errors';
import type { IncidentsTelemetry } from '../service/IncidentsTelemetry';

export { actorOf } from '../service/AuthorizedIncidents';
export { rawQuery } from '@vigil/backend-kit';

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
  audited<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    fn: () => Promise<T>,
    successMeta?: (result: T) => JsonObject,
  ): Promise<T>;
}

/**
 * A 400 naming the fields that hold a NUL character: PostgreSQL cannot store
 * one in text, and no field has a use for it.
 */
function rejectNulBytes(value: unknown, what: string): void {
  const paths = nulBytePaths(value);
  if (paths.length > 0) {
    throw new InputError(
      `Invalid ${what}: ${paths
        .map(p => `${p}: must not contain NUL characters (\\u0000)`)
        .join('; ')}`,
    );
  }
}

/** Parses with zod (a 400 naming every bad field), after refusing NUL characters. */
export function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  rejectNulBytes(value, what);
  return parseWith(schema, value, what);
}

/** Runs a mutation inside an auditor event (success with meta, or failure). */
export function createAudited(
  auditor: AuditorService,
): RouteContext['audited'] {
  return async (req, eventId, meta, fn, successMeta) => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await fn();
      await event.success(
        successMeta ? { meta: successMeta(result) } : undefined,
      );
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
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
