import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type express from 'express';
import type { CollectorService } from '../service/CollectorService';
import type { RumReadService } from '../service/RumReadService';
import type { RumTelemetry } from '../service/RumTelemetry';

// `parse`: zod's (a 400 naming every bad field), after refusing NUL characters.
export { parseStorable as parse, rawQuery } from '@vigil/backend-kit';

/** What the routes get: the services and the request helpers. */
export interface RouteContext {
  router: express.Router;
  collector: CollectorService;
  reader: RumReadService;
  telemetry: RumTelemetry;
  /** A user's or a service's credentials (401 otherwise). */
  credentialsOf(req: express.Request): Promise<BackstageCredentials>;
}
