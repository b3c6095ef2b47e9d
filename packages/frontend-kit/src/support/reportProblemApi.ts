import { createApiRef } from '@backstage/core-plugin-api';

/**
 * What the user reports: their own words and what the app knew of the
 * error. The implementation adds the route, the time, the Faro session and
 * the app's version.
 * @public
 */
export interface ProblemReport {
  /** What the user was doing, in their words (not empty once trimmed). */
  text: string;
  /** The error's message, as shown. */
  message?: string;
  /** The backend's `x-request-id` of the failed request. */
  requestId?: string;
  statusCode?: number;
  /** The entity the page was about (e.g. component:default/checkout). */
  entityRef?: string;
  /** When the error happened (default: now). */
  time?: Date;
}

/**
 * A filed ticket: its id and where its reporter follows it.
 * @public
 */
export interface ReportedProblem {
  ticketId: string;
  /** An app path, e.g. `/support/tickets/<id>`. */
  link: string;
}

/**
 * Files support tickets ("Report this problem"). The support plugin
 * implements it; without it, report buttons are not shown.
 * @public
 */
export interface ReportProblemApi {
  report(problem: ProblemReport): Promise<ReportedProblem>;
}

/**
 * The Utility API ref of {@link ReportProblemApi} (`vigil.report-problem`).
 * @public
 */
export const reportProblemApiRef = createApiRef<ReportProblemApi>({
  id: 'vigil.report-problem',
});
