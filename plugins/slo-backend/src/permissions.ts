import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Re-reading every SLO spec from the catalog now (POST /refresh).
 * @public
 */
export const sloSpecsRefreshPermission = createPermission({
  name: 'slo.specs.refresh',
  attributes: { action: 'update' },
});

/** @public */
export const sloPermissions = [sloSpecsRefreshPermission];
