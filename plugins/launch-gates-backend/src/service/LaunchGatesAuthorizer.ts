import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The two steps of every launch-gates mutation's authorisation: the
 * portal's policy (through the permission framework, with the catalog
 * entity as the resource, so owner conditions apply), then, where the
 * review names people (its product owner, a check's answerer), whether the
 * caller is one of them (its ownership claims).
 */
export class LaunchGatesAuthorizer {
  constructor(
    private readonly options: {
      auth: Pick<AuthService, 'isPrincipal'>;
      permissions: PermissionsService;
      userInfo: UserInfoService;
    },
  ) {}

  /** A 403 naming the permission and who holds it, unless the policy allows. */
  async require(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
    what: string,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${what} of ${entityRef} (${permission.name})`,
      );
    }
  }

  /**
   * The caller's ownership claims (its user ref and groups, lower case);
   * none for a service, which never counts as a person the review names.
   */
  async claimsOf(credentials: BackstageCredentials): Promise<string[]> {
    if (!this.options.auth.isPrincipal(credentials, 'user')) return [];
    const info = await this.options.userInfo.getUserInfo(credentials);
    return [info.userEntityRef, ...info.ownershipEntityRefs].map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
  }
}
