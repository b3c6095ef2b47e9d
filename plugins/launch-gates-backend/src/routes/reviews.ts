import {
  buildReviewExport,
  editReviewRequestSchema,
  openReviewRequestSchema,
  renderReviewMarkdown,
} from '@vigil/backstage-plugin-launch-gates-common';
import { actorOf } from '@vigil/backend-kit';
import {
  evaluateQuerySchema,
  exportQuerySchema,
  reviewIdSchema,
  reviewsQuerySchema,
} from './queries';
import { parse, rawQuery, type RouteContext } from './util';

/** Reviews: list, open, read, edit, re-evaluate, export. */
export function registerReviewRoutes(context: RouteContext): void {
  const { router, reviews, authorizer, credentialsOf, audited } = context;

  router.get('/reviews', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(reviewsQuerySchema, rawQuery(req), 'query');
    res.json(
      await reviews.list(query, credentials, () =>
        authorizer.claimsOf(credentials),
      ),
    );
  });

  router.post('/reviews', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(openReviewRequestSchema, req.body, 'review');
    const detail = await audited(
      req,
      'review-open',
      {
        entityRef: request.entityRef,
        ...(request.templateName && { templateName: request.templateName }),
        targetDate: request.targetDate,
      },
      () => reviews.open(request, credentials),
      r => ({ reviewId: r.id, templateName: r.templateName }),
    );
    res.status(201).json(detail);
  });

  router.get('/reviews/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    res.json(await reviews.get(id, credentials));
  });

  router.patch('/reviews/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const request = parse(editReviewRequestSchema, req.body, 'review edit');
    const detail = await audited(
      req,
      'review-edit',
      { reviewId: id, revision: request.revision },
      () => reviews.edit(id, request, credentials),
      r => ({ revision: r.revision }),
    );
    res.json(detail);
  });

  router.post('/reviews/:id/evaluate', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const { checkId } = parse(evaluateQuerySchema, rawQuery(req), 'query');
    const detail = await audited(
      req,
      'review-evaluate',
      { reviewId: id, ...(checkId && { checkId }) },
      () => reviews.evaluate(id, checkId, credentials),
      r => ({ state: r.state, blockers: r.blockers }),
    );
    res.json(detail);
  });

  router.get('/reviews/:id/export', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const { format } = parse(exportQuerySchema, rawQuery(req), 'query');
    const detail = await reviews.get(id, credentials);
    const document = buildReviewExport(detail, {
      exportedAt: new Date().toISOString(),
      exportedBy: actorOf(credentials),
    });
    if (format === 'markdown') {
      res
        .status(200)
        .type('text/markdown; charset=utf-8')
        .send(renderReviewMarkdown(document));
      return;
    }
    res.json(document);
  });
}
