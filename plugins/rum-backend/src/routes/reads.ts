import {
  fingerprintSchema,
  listErrorGroupsQuerySchema,
  usageQuerySchema,
} from '@vigil/backstage-plugin-rum-common';
import { parse, rawQuery, type RouteContext } from './util';

/** The Errors page (portal admins) and the portal usage card (anyone signed in). */
export function registerReadRoutes(context: RouteContext): void {
  const { router, reader, credentialsOf } = context;

  router.get('/errors', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listErrorGroupsQuerySchema, rawQuery(req), 'query');
    res.json(await reader.listErrorGroups(query, credentials));
  });

  router.get('/errors/:fingerprint', async (req, res) => {
    const credentials = await credentialsOf(req);
    const fingerprint = parse(
      fingerprintSchema,
      req.params.fingerprint,
      'fingerprint',
    );
    res.json(await reader.getErrorGroup(fingerprint, credentials));
  });

  router.get('/usage', async (req, res) => {
    await credentialsOf(req);
    const { range } = parse(usageQuerySchema, rawQuery(req), 'query');
    res.json(await reader.usage(range));
  });
}
