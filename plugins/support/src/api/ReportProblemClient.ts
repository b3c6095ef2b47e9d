import type { ConfigApi } from '@backstage/core-plugin-api';
import type { SupportApi } from '@vigil/backstage-plugin-support-common';
import type {
  ProblemReport,
  ReportedProblem,
  ReportProblemApi,
} from '@vigil/frontend-kit';
import { browserContext, faroSessionId } from './browserContext';

/** Where a reporter follows a ticket. */
export const ticketPath = (id: string) => `/support/tickets/${id}`;

/**
 * "Report this problem": files a ticket with what the error panel or banner
 * knew, plus the route, the entity, the time, the Faro session and the app
 * version, so the user does not retype them.
 */
export class ReportProblemClient implements ReportProblemApi {
  constructor(
    private readonly options: { supportApi: SupportApi; configApi?: ConfigApi },
  ) {}

  async report(problem: ProblemReport): Promise<ReportedProblem> {
    const where = browserContext(this.options.configApi);
    const ticket = await this.options.supportApi.createTicket({
      text: problem.text,
      context: {
        message: problem.message,
        requestId: problem.requestId,
        statusCode: problem.statusCode,
        route: where.route,
        time: (problem.time ?? new Date()).toISOString(),
        faroSessionId: faroSessionId(),
        entityRef: problem.entityRef ?? where.entityRef,
        appVersion: where.appVersion,
      },
    });
    return { ticketId: ticket.id, link: ticketPath(ticket.id) };
  }
}
