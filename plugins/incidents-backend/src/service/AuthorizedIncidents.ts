import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ActionItem,
  IncidentDetails,
  IncidentPermissions,
  Postmortem,
  PostmortemDetails,
  incidentClosePermission,
  incidentUpdatePermission,
} from '@vigil/backstage-plugin-incidents-common';
import type { ReadableEntitiesCache } from '@vigil/backend-kit';
import type { StoredIncident } from '../database/IncidentStore';
import { incidentRules } from '../permissions';
import type { EntityDirectory } from './EntityDirectory';
import type { IncidentsService } from './IncidentsService';
import type { PostmortemsService } from './PostmortemsService';

function isUser(credentials: BackstageCredentials): boolean {
  return (credentials.principal as { type?: string }).type === 'user';
}

/** Who did it, as recorded in timelines: a user ref or `plugin:<id>`. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type;
}

/**
 * The permission checks of the incidents API, in the spirit of the catalog's
 * AuthorizedEntitiesCatalog: what a caller may read (incidents are as
 * visible as the entities they affect), change, close or take command of,
 * and the permissions shown with what they read. Refusals throw
 * NotAllowedError (403), or NotFoundError (404) for what they may not see.
 */
export class AuthorizedIncidents {
  private readonly authorizeConditions =
    createConditionAuthorizer(incidentRules);

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      userInfo: UserInfoService;
      directory: EntityDirectory;
      visibility: ReadableEntitiesCache;
      incidents: IncidentsService;
      postmortems: PostmortemsService;
    },
  ) {}

  /** The entities whose incidents the caller may see (undefined: all). */
  readableEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    return this.options.visibility.readableEntityRefs(credentials);
  }

  async allowed(
    permission: ResourcePermission<'incident'>,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return this.authorizeConditions(decision, stored);
  }

  async requirePermission(
    permission: ResourcePermission<'incident'>,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.allowed(permission, stored, credentials))) {
      throw new NotAllowedError(
        `Not allowed to ${
          permission.name === incidentClosePermission.name ? 'close' : 'change'
        } incident ${stored.incident.id} (${
          permission.name
        }): only the owners of its entities and its commander may`,
      );
    }
  }

  /** The incident, when the caller may change it (`incident.update`). */
  async requireUpdate(
    incidentId: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    const stored = await this.options.incidents.getStored(incidentId);
    await this.requirePermission(incidentUpdatePermission, stored, credentials);
    return stored;
  }

  async requireBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed (${permission.name})`);
    }
  }

  /** Whether the caller is a user who is (or is in a group that is) an owner of an affected entity. */
  private async isOwnerMember(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!isUser(credentials)) return false;
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      credentials,
    );
    return ownershipEntityRefs.some(ref => stored.ownerRefs.includes(ref));
  }

  /** Who may take command: the users who may update it, and the members of its owners. */
  async mayTakeCommand(
    stored: StoredIncident,
    credentials: BackstageCredentials,
    update?: boolean,
  ): Promise<boolean> {
    if (!isUser(credentials)) return false;
    return (
      (update ??
        (await this.allowed(incidentUpdatePermission, stored, credentials))) ||
      (await this.isOwnerMember(stored, credentials))
    );
  }

  async requireTakeCommand(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.mayTakeCommand(stored, credentials))) {
      const { ownerRefs, incident } = stored;
      throw new NotAllowedError(
        `Not allowed to take command of incident ${
          incident.id
        }: only members of its owners (${
          ownerRefs.join(', ') || 'none recorded'
        }) and its commander (${
          incident.roles.commander ?? 'none assigned'
        }) may, and only as a signed-in user`,
      );
    }
  }

  /** The item's owner may update it, as may whoever may change the incident. */
  async requireActionItemUpdate(
    item: ActionItem & { incidentId: string },
    credentials: BackstageCredentials,
  ): Promise<void> {
    let mayUpdate = false;
    if (isUser(credentials)) {
      const info = await this.options.userInfo.getUserInfo(credentials);
      mayUpdate = info.ownershipEntityRefs.includes(item.owner);
    }
    if (!mayUpdate) {
      await this.requireUpdate(item.incidentId, credentials);
    }
  }

  async permissionsFor(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<IncidentPermissions> {
    const { incident } = stored;
    const update = await this.allowed(
      incidentUpdatePermission,
      stored,
      credentials,
    );
    const open = incident.status !== 'closed';
    return {
      update,
      acknowledge: update && open && !incident.timestamps.acknowledgedAt,
      takeCommand:
        open &&
        !incident.roles.commander &&
        (await this.mayTakeCommand(stored, credentials, update)),
    };
  }

  async incidentDetails(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetails> {
    return this.options.incidents.details(
      stored,
      await this.permissionsFor(stored, credentials),
    );
  }

  async postmortemDetails(
    postmortem: Postmortem,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const stored = await this.options.incidents.getStored(
      postmortem.incidentId,
    );
    const update =
      postmortem.state !== 'published' &&
      (await this.allowed(incidentUpdatePermission, stored, credentials));
    return { postmortem, incident: stored.incident, permissions: { update } };
  }

  async readableIncident(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    const stored = await this.options.incidents.getStored(id);
    // Incidents are as visible as the entities they affect.
    if (
      !(await this.options.directory.canReadAny(
        stored.incident.entityRefs,
        credentials,
      ))
    ) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return stored;
  }

  async readablePostmortem(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<Postmortem> {
    const postmortem = await this.options.postmortems.getPostmortem(id);
    const stored = await this.readableIncident(
      postmortem.incidentId,
      credentials,
    );
    // Published: everyone who can see the entity. Drafts: those who may edit.
    if (
      postmortem.state !== 'published' &&
      !postmortem.authors.includes(actorOf(credentials)) &&
      !(await this.allowed(incidentUpdatePermission, stored, credentials))
    ) {
      throw new NotAllowedError(
        `Postmortem ${id} is not published yet; only its authors, the incident's owners and commander may read it`,
      );
    }
    return postmortem;
  }
}
