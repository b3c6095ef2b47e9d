import {
  metricsQuerySchema,
  pageParamSchema,
} from '@vigil/backstage-plugin-incidents-common';
import { z } from 'zod';
import { parse, rawQuery, type RouteContext } from './util';

const searchQuerySchema = z
  .object({
    cursor: z.string().max(64).optional(),
    limit: pageParamSchema(1, 1000, 500),
  })
  .strict();

/** Incident metrics, and the search collator's documents. */
export function registerMetricsRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, httpAuth } = context;

  router.get('/metrics', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(metricsQuerySchema, rawQuery(req), 'query');
    res.json(
      await services.incidents.metrics(
        query,
        await authorizer.readableEntityRefs(credentials),
      ),
    );
  });

  router.get('/search/:type', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const type = parse(
      z.enum(['incidents', 'postmortems']),
      req.params.type,
      'document type',
    );
    const query = parse(searchQuerySchema, rawQuery(req), 'query');
    res.json(
      await services.incidents.searchDocuments(type, query.cursor, query.limit),
    );
  });
}
