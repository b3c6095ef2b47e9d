import { createPermission } from '@backstage/plugin-permission-common';

/** Re-reading every SLO spec from the catalog now (POST /refresh). */
export const sloSpecsRefreshPermission = createPermission({
  name: 'slo.specs.refresh',
  attributes: { action: 'update' },
});

export const sloPermissions = [sloSpecsRefreshPermission];
