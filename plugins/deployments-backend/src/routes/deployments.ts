import {
  deploymentCreateSchema,
  deploymentUpdateSchema,
} from '@vigil/backstage-plugin-deployments-common';
import { idSchema, listDeploymentsQuerySchema } from './queries';
import { parse, rawQuery, type RouteContext } from './util';

/** Deployment records: the deploy CLI (or an owner) writes, readers of the entity read. */
export function registerDeploymentRoutes(context: RouteContext): void {
  const { router, deployments, credentialsOf, audited } = context;

  router.get('/deployments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parse(listDeploymentsQuerySchema, rawQuery(req), 'query');
    res.json(await deployments.list(query, credentials));
  });

  router.post('/deployments', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(deploymentCreateSchema, req.body, 'deployment');
    const record = await audited(
      req,
      'deployment-create',
      {
        entityRef: request.entityRef,
        kind: request.kind,
        version: request.release.version,
        outcome: request.outcome,
      },
      () => deployments.create(request, credentials),
      r => ({ deploymentId: r.id, entityRef: r.entityRef, revision: 1 }),
    );
    res.status(201).json(record);
  });

  router.get('/deployments/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'deployment id');
    res.json(await deployments.get(id, credentials));
  });

  router.patch('/deployments/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'deployment id');
    const request = parse(deploymentUpdateSchema, req.body, 'deployment');
    const current = await deployments.getForUpdate(id);
    const record = await audited(
      req,
      'deployment-update',
      {
        deploymentId: id,
        entityRef: current.entityRef,
        revision: request.revision,
        ...(request.outcome && { outcome: request.outcome }),
      },
      () => deployments.update(current, request, credentials),
      r => ({ revision: r.revision, outcome: r.outcome }),
    );
    res.json(record);
  });
}
