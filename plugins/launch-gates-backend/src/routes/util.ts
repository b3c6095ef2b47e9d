import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { AuditedMutation } from '@vigil/backend-kit';
import type express from 'express';
import type { DecisionService } from '../service/DecisionService';
import type { LaunchGatesAuthorizer } from '../service/LaunchGatesAuthorizer';
import type { ReportService } from '../service/ReportService';
import type { ReviewService } from '../service/ReviewService';
import type { TemplateSource } from '../service/ports';

// `parse`: zod's (a 400 naming every bad field), after refusing NUL characters.
export { parseStorable as parse, rawQuery } from '@vigil/backend-kit';

/** The services behind the API. */
export interface LaunchGatesServices {
  templates: TemplateSource;
  reviews: ReviewService;
  decisions: DecisionService;
  reports: ReportService;
  authorizer: Pick<LaunchGatesAuthorizer, 'claimsOf'>;
}

/** What the routes get: the services and the request helpers. */
export interface RouteContext extends LaunchGatesServices {
  router: express.Router;
  /** A user's or a service's credentials (401 otherwise). */
  credentialsOf(req: express.Request): Promise<BackstageCredentials>;
  /** Runs a mutation inside an auditor event (success with meta, or failure). */
  audited: AuditedMutation;
}
