import type { Config } from '@backstage/config';

/** Who holds each role, from `vigil.permission` (entity refs). */
export interface RoleConfig {
  adminGroups: string[];
  sreGroups: string[];
  productOwnerGroups: string[];
  readOnlyUsers: string[];
}

/** The roles of one signed-in user; a user may hold several. */
export interface Roles {
  /** Reads only, whatever else it is (the embedded default's guest). */
  readOnly: boolean;
  /** Manages catalog locations and entities and runs software templates. */
  admin: boolean;
  /** May act on any incident. */
  sre: boolean;
  /** Opens launch reviews of any entity (signing is the entity's product owner's). */
  productOwner: boolean;
}

/** The signed-in user as the policy reads it: Backstage's user info and its roles. */
export interface RoleUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  roles: Roles;
}

export const DEFAULT_ROLE_CONFIG: RoleConfig = {
  adminGroups: ['group:default/portal-admins'],
  sreGroups: ['group:default/sre'],
  productOwnerGroups: ['group:default/product-owners'],
  readOnlyUsers: ['user:default/guest'],
};

/** Entity refs compare case-insensitively, as the catalog's do. */
const norm = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Reads `vigil.permission`; a missing key keeps its default. */
export function readRoleConfig(config: Config): RoleConfig {
  const read = (key: keyof RoleConfig) =>
    (
      config.getOptionalStringArray(`vigil.permission.${key}`) ??
      DEFAULT_ROLE_CONFIG[key]
    ).map(norm);
  return {
    adminGroups: read('adminGroups'),
    sreGroups: read('sreGroups'),
    productOwnerGroups: read('productOwnerGroups'),
    readOnlyUsers: read('readOnlyUsers'),
  };
}

/**
 * A user's roles: membership is any ownership claim (the user ref and its
 * groups, as the catalog resolves them) in a role's groups. Read-only wins:
 * a read-only user holds no other role, whatever its groups.
 */
export function rolesOf(
  info: { userEntityRef: string; ownershipEntityRefs: string[] },
  config: RoleConfig,
): Roles {
  const claims = new Set(
    [info.userEntityRef, ...info.ownershipEntityRefs].map(norm),
  );
  const readOnly = config.readOnlyUsers.includes(norm(info.userEntityRef));
  const member = (groups: string[]) =>
    !readOnly && groups.some(group => claims.has(norm(group)));
  return {
    readOnly,
    admin: member(config.adminGroups),
    sre: member(config.sreGroups),
    productOwner: member(config.productOwnerGroups),
  };
}
