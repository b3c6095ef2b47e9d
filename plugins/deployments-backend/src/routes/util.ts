import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { AuditedMutation } from '@vigil/backend-kit';
import type express from 'express';
import type { DeploymentsService } from '../service/DeploymentsService';

// `parse`: zod's (a 400 naming every bad field), after refusing NUL characters.
export { parseStorable as parse, rawQuery } from '@vigil/backend-kit';

/** What the routes get: the service and the request helpers. */
export interface RouteContext {
  router: express.Router;
  deployments: DeploymentsService;
  /** A user's or a service's credentials (401 otherwise). */
  credentialsOf(req: express.Request): Promise<BackstageCredentials>;
  /** Runs a mutation inside an auditor event (success with meta, or failure). */
  audited: AuditedMutation;
}
