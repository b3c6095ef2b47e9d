import { namespacePurgeRequestSchema } from '@vigil/backstage-plugin-sandbox-common';
import { parse, type RouteContext } from './util';

/**
 * The sandbox reset's purge: service credentials only (a user's token is a
 * 403), the sandbox namespace only (a 400 otherwise), audited.
 */
export function registerPurgeRoutes(context: RouteContext): void {
  const { router, services, httpAuth, audited } = context;

  router.post('/purge', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const { namespace } = parse(
      namespacePurgeRequestSchema,
      req.body,
      'purge request',
    );
    const counts = await audited(
      req,
      'namespace-purge',
      { namespace },
      () => services.incidents.purgeNamespace(namespace),
      result => ({ namespace, ...result }),
    );
    res.json({ namespace, ...counts });
  });
}
