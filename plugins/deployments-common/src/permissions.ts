import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/catalog-model/alpha';

/**
 * Recording a deploy, rollback or drill of a catalog entity (and updating
 * the record as it runs). Allowed to the deploy token's service principal,
 * the entity's owners and portal admins (packages/backend's policy).
 */
export const deploymentsRecordCreatePermission = createPermission({
  name: 'deployments.record.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const deploymentsPermissions = [deploymentsRecordCreatePermission];
