import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  createAudited,
  createErrorResponder,
  keepRawQuery,
  parseStorable as parse,
  rawQuery,
} from '@vigil/backend-kit';
import {
  feedbackInputSchema,
  listQuerySchema,
  ticketIdSchema,
  ticketInputSchema,
  ticketStatusChangeSchema,
} from '@vigil/backstage-plugin-support-common';
import express from 'express';
import { z } from 'zod';
import { spec } from './schema/openapi.generated';
import type { SupportService } from './service/SupportService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger: LoggerService;
  service: SupportService;
}

const feedbackQuerySchema = listQuerySchema.omit({ status: true });
const noQuerySchema = z.object({}).strict();

/**
 * The HTTP API (openapi.yaml); thin: every request is checked against the
 * document, then parsed with support-common's zod schemas (the clearer
 * 400s), credentials, the service; mutations inside an auditor event.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, service } = options;
  const errors = createErrorResponder({
    serviceName: 'support backend',
    logger: options.logger,
    spec,
  });
  const audited = createAudited(options.auditor);
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    middleware: [express.json({ limit: '64kb' }), keepRawQuery],
    validatorOptions: {
      validateSecurity: false,
      validateRequests: {
        coerceTypes: false,
        allowUnknownQueryParameters: false,
        allErrors: true,
      },
    },
  });
  // The document checked the request; the routes parse it with zod and
  // answer support-common's types (as rum-backend's routes do).
  const routes: express.Router = router;
  const credentialsOf = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const ticketId = (req: express.Request) =>
    parse(ticketIdSchema, req.params.ticketId, 'ticket id');

  routes.post('/tickets', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    const input = parse(ticketInputSchema, req.body, 'ticket');
    const ticket = await audited(
      req,
      'ticket-create',
      { requestId: input.context.requestId ?? null },
      () => service.createTicket(input, credentials),
      created => ({ ticketId: created.id }),
    );
    res.status(201).json(ticket);
  });

  routes.get('/tickets', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listQuerySchema, rawQuery(req), 'query');
    res.json(await service.listTickets(query, credentials));
  });

  routes.get('/tickets/mine', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listQuerySchema, rawQuery(req), 'query');
    res.json(await service.listMyTickets(query, credentials));
  });

  routes.get('/tickets/:ticketId', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    res.json(await service.getTicket(ticketId(req), credentials));
  });

  routes.put('/tickets/:ticketId/status', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    const id = ticketId(req);
    const change = parse(ticketStatusChangeSchema, req.body, 'status change');
    const ticket = await audited(
      req,
      'ticket-status-change',
      { ticketId: id, status: change.status, version: change.version },
      () => service.changeTicketStatus(id, change, credentials),
    );
    res.json(ticket);
  });

  routes.post('/feedback', async (req, res) => {
    const credentials = await credentialsOf(req);
    parse(noQuerySchema, rawQuery(req), 'query');
    const input = parse(feedbackInputSchema, req.body, 'feedback');
    const feedback = await audited(
      req,
      'feedback-create',
      { rating: input.rating },
      () => service.createFeedback(input, credentials),
      created => ({ feedbackId: created.id }),
    );
    res.status(201).json(feedback);
  });

  routes.get('/feedback', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(feedbackQuerySchema, rawQuery(req), 'query');
    res.json(await service.listFeedback(query, credentials));
  });

  router.use(errors.middleware);
  return router;
}
