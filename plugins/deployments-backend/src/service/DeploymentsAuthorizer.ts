import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { deploymentsRecordCreatePermission } from '@vigil/backstage-plugin-deployments-common';

/**
 * Who may record deployments of an entity. Services (the deploy token, and
 * other backends with their plugin credentials) record without a user
 * permission: the backend's auth already restricted the token to this
 * plugin. Users need `deployments.record.create` on the entity; the
 * portal's policy gives it to the entity's owners (a conditional decision
 * the catalog applies to the entity) and to portal admins.
 */
export class DeploymentsAuthorizer {
  constructor(
    private readonly options: {
      auth: Pick<AuthService, 'isPrincipal'>;
      permissions: PermissionsService;
    },
  ) {}

  async requireRecord(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (this.options.auth.isPrincipal(credentials, 'service')) return;
    const [decision] = await this.options.permissions.authorize(
      [
        {
          permission: deploymentsRecordCreatePermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to record deployments of ${entityRef} (${deploymentsRecordCreatePermission.name}): only its owners, portal admins and the deploy token may`,
      );
    }
  }
}
