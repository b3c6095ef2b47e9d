import { doraQuerySchema } from './queries';
import { parse, rawQuery, type RouteContext } from './util';

/** DORA-style figures of one entity (whoever may read it). */
export function registerDoraRoutes(context: RouteContext): void {
  const { router, deployments, credentialsOf } = context;

  router.get('/dora', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(doraQuerySchema, rawQuery(req), 'query');
    res.json(await deployments.dora(query.entityRef, query.days, credentials));
  });
}
