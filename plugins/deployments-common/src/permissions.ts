import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Recording a deploy, rollback or drill of a catalog entity (and updating
 * the record as it runs). Allowed to the deploy token's service principal,
 * the entity's owners and portal admins (packages/backend's policy).
 * @public
 */
export const deploymentsRecordCreatePermission = createPermission({
  name: 'deployments.record.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** @public */
export const deploymentsPermissions = [deploymentsRecordCreatePermission];
