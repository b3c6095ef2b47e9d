import { postReportRequestSchema } from '@vigil/backstage-plugin-launch-gates-common';
import { reportsQuerySchema } from './queries';
import { parse, rawQuery, type RouteContext } from './util';

/** Load-test and security-scan reports posted by CI. */
export function registerReportRoutes(context: RouteContext): void {
  const { router, reports, credentialsOf, audited } = context;

  router.post('/reports', async (req, res) => {
    const credentials = await credentialsOf(req);
    const report = parse(postReportRequestSchema, req.body, 'report');
    const stored = await audited(
      req,
      'report-create',
      { entityRef: report.entityRef, kind: report.kind, ranAt: report.ranAt },
      () => reports.post(report, credentials),
      r => ({ reportId: r.id }),
    );
    res.status(201).json(stored);
  });

  router.get('/reports', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(reportsQuerySchema, rawQuery(req), 'query');
    res.json(await reports.list(query, credentials));
  });
}
