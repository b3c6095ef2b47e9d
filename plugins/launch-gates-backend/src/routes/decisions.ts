import {
  answerCheckRequestSchema,
  createSignOffRequestSchema,
  createWaiverRequestSchema,
  uploadAttachmentRequestSchema,
} from '@vigil/backstage-plugin-launch-gates-common';
import { attachmentIdSchema, nameSchema, reviewIdSchema } from './queries';
import { parse, type RouteContext } from './util';

/**
 * What people record on a review: answers, files, waivers, sign-offs. Each
 * is append-only: there is no route that changes or removes one.
 */
export function registerDecisionRoutes(context: RouteContext): void {
  const { router, decisions, credentialsOf, audited } = context;

  router.post('/reviews/:id/checks/:checkId/answers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const checkId = parse(nameSchema, req.params.checkId, 'check id');
    const request = parse(answerCheckRequestSchema, req.body, 'answer');
    const detail = await audited(
      req,
      'check-answer',
      { reviewId: id, checkId, answer: request.answer },
      () => decisions.answer(id, checkId, request, credentials),
      r => ({ state: r.state }),
    );
    res.status(201).json(detail);
  });

  router.post('/reviews/:id/attachments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const request = parse(
      uploadAttachmentRequestSchema,
      req.body,
      'attachment',
    );
    const summary = await audited(
      req,
      'attachment-upload',
      { reviewId: id, filename: request.filename },
      () => decisions.upload(id, request, credentials),
      r => ({ attachmentId: r.id, size: r.size, sha256: r.sha256 }),
    );
    res.status(201).json(summary);
  });

  router.get('/reviews/:id/attachments/:attachmentId', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const attachmentId = parse(
      attachmentIdSchema,
      req.params.attachmentId,
      'attachment id',
    );
    const file = await decisions.download(id, attachmentId, credentials);
    res
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename.replace(
          /[^\w.+-]/g,
          '_',
        )}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': String(file.content.length),
      })
      .end(file.content);
  });

  router.post('/reviews/:id/waivers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const request = parse(createWaiverRequestSchema, req.body, 'waiver');
    const detail = await audited(
      req,
      'waiver-create',
      { reviewId: id, checkId: request.checkId, expiresAt: request.expiresAt },
      () => decisions.waive(id, request, credentials),
      r => ({ waiverId: r.waivers[0]?.id, state: r.state }),
    );
    res.status(201).json(detail);
  });

  router.post('/reviews/:id/sign-offs', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(reviewIdSchema, req.params.id, 'review id');
    const request = parse(createSignOffRequestSchema, req.body, 'sign-off');
    const detail = await audited(
      req,
      'signoff-create',
      {
        reviewId: id,
        decision: request.decision,
        evidenceHash: request.evidenceHash,
      },
      () => decisions.signOff(id, request, credentials),
      r => ({ signOffId: r.signOffs[0]?.id, state: r.state }),
    );
    res.status(201).json(detail);
  });
}
