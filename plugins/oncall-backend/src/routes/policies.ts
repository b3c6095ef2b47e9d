import {
  escalationPolicyRequestSchema,
  updateEscalationPolicyRequestSchema,
} from '@vigil/backstage-plugin-oncall-common';
import {
  idSchema,
  listPoliciesQuerySchema,
  versionQuerySchema,
} from './queries';
import { actorOf, parse, rawQuery, type RouteContext } from './util';

/** Escalation policies (members of the owning group change them). */
export function registerPolicyRoutes(context: RouteContext): void {
  const { router, services, authorizer, credentialsOf, audited } = context;
  const { policies } = services;

  router.get('/policies', async (req, res) => {
    await credentialsOf(req);
    const query = parse(listPoliciesQuerySchema, rawQuery(req), 'query');
    res.json(
      await policies.list({
        ownerRefs: query.ownerRef,
        limit: query.limit,
        offset: query.offset,
      }),
    );
  });

  router.post('/policies', async (req, res) => {
    const credentials = await credentialsOf(req);
    const request = parse(
      escalationPolicyRequestSchema,
      req.body,
      'escalation policy',
    );
    await authorizer.requirePolicyManage(request, credentials);
    const policy = await audited(
      req,
      'policy-create',
      { ownerRef: request.ownerRef, name: request.name },
      () => policies.create(request, actorOf(credentials)),
      p => ({ policyId: p.id, version: p.version }),
    );
    res.status(201).json(policy);
  });

  router.get('/policies/:id', async (req, res) => {
    await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'policy id');
    res.json(await policies.get(id));
  });

  router.put('/policies/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'policy id');
    const request = parse(
      updateEscalationPolicyRequestSchema,
      req.body,
      'escalation policy',
    );
    const current = await policies.get(id);
    // Both the current owner and the new one must be the caller's.
    await authorizer.requirePolicyManage(current, credentials);
    await authorizer.requirePolicyManage(request, credentials);
    const policy = await audited(
      req,
      'policy-update',
      { policyId: id, version: request.version },
      () => policies.update(id, request, actorOf(credentials)),
      p => ({ version: p.version }),
    );
    res.json(policy);
  });

  router.delete('/policies/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const id = parse(idSchema, req.params.id, 'policy id');
    const { version } = parse(versionQuerySchema, rawQuery(req), 'query');
    await authorizer.requirePolicyManage(await policies.get(id), credentials);
    await audited(req, 'policy-delete', { policyId: id, version }, () =>
      policies.delete(id, version),
    );
    res.status(204).end();
  });
}
