import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
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
import {
  isVisible,
  PrincipalCache,
  type ReadableEntitiesCache,
} from '@vigil/backend-kit';
import type { DraftReader, StoredIncident } from '../database/IncidentStore';
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
  /**
   * The update decision behind what a reader's page offers (edit,
   * acknowledge, take command), reused per principal for a few seconds as
   * Backstage's UserInfoService reuses ownership claims: reading a page then
   * costs no request to the permission backend. Every change still asks the
   * policy afresh, so a revoked permission is never acted on.
   */
  private readonly shownUpdateDecisions: PrincipalCache<PolicyDecision>;

  constructor(
    private readonly options: {
      auth: Pick<AuthService, 'isPrincipal'>;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      directory: EntityDirectory;
      visibility: ReadableEntitiesCache;
      incidents: IncidentsService;
      postmortems: PostmortemsService;
      /** How long a page's update decision is reused (default 5 s). */
      shownDecisionTtlMs?: number;
      now?: () => number;
    },
  ) {
    this.shownUpdateDecisions = new PrincipalCache({
      auth: options.auth,
      ttlMs: options.shownDecisionTtlMs ?? 5_000,
      now: options.now,
    });
  }

  /** The entities whose incidents the caller may see (undefined: all). */
  readableEntityRefs(
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    return this.options.visibility.readableEntityRefs(credentials);
  }

  /**
   * Whose drafts the caller's lists show: undefined (every draft) when the
   * policy lets it change any incident (SRE); otherwise its own, those of
   * incidents it commands and those its claims own, as
   * `readablePostmortem` lets it read them one by one.
   */
  async draftReader(
    credentials: BackstageCredentials,
  ): Promise<DraftReader | undefined> {
    const decision = await this.decide(incidentUpdatePermission, credentials);
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    const claims =
      isUser(credentials) && decision.result === AuthorizeResult.CONDITIONAL
        ? (await this.options.userInfo.getUserInfo(credentials))
            .ownershipEntityRefs
        : [];
    return { actor: actorOf(credentials), claims };
  }

  /**
   * Whether the caller may edit a postmortem (content, authors, state): a
   * signed-in user who is one of its authors or the incident's commander,
   * or whom the policy lets change any incident (SRE). Owners who are
   * neither start it (and so author it) or are added by an author.
   */
  async mayEditPostmortem(
    postmortem: Postmortem,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (!isUser(credentials)) return false;
    const actor = actorOf(credentials);
    if (
      postmortem.authors.includes(actor) ||
      stored.incident.roles.commander === actor
    ) {
      return true;
    }
    const decision = await this.decide(incidentUpdatePermission, credentials);
    return decision.result === AuthorizeResult.ALLOW;
  }

  async requirePostmortemEdit(
    postmortem: Postmortem,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.mayEditPostmortem(postmortem, stored, credentials))) {
      throw new NotAllowedError(
        `Not allowed to edit postmortem ${postmortem.id}: only its authors (${
          postmortem.authors.join(', ') || 'none'
        }), the incident's commander and SRE may`,
      );
    }
  }

  /**
   * Naming a commander when declaring: the policy's update decision on the
   * new incident without that commander, so only members of an owning group
   * (of an affected entity) and SRE may; naming oneself earns nothing.
   */
  async requireNameCommander(
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const { commander, ...roles } = stored.incident.roles;
    const withoutCommander: StoredIncident = {
      ...stored,
      incident: { ...stored.incident, roles },
    };
    if (
      !isUser(credentials) ||
      !(await this.allowed(
        incidentUpdatePermission,
        withoutCommander,
        credentials,
      ))
    ) {
      throw new NotAllowedError(
        `Not allowed to name a commander (${commander}): only members of the owners of the affected entities (${
          stored.ownerRefs.join(', ') || 'none recorded'
        }) and SRE may; declare without one and let them take command`,
      );
    }
  }

  /** The policy's decision, before it is applied to an incident. */
  private async decide(
    permission: ResourcePermission<'incident'>,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return decision;
  }

  private applies(decision: PolicyDecision, stored: StoredIncident): boolean {
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return this.authorizeConditions(decision, stored);
  }

  async allowed(
    permission: ResourcePermission<'incident'>,
    stored: StoredIncident,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    return this.applies(await this.decide(permission, credentials), stored);
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

  /** `updateDecision`: the policy's decision on `incident.update`, when already asked. */
  async permissionsFor(
    stored: StoredIncident,
    credentials: BackstageCredentials,
    updateDecision?: PolicyDecision,
  ): Promise<IncidentPermissions> {
    const { incident } = stored;
    const update = this.applies(
      updateDecision ??
        (await this.decide(incidentUpdatePermission, credentials)),
      stored,
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
    const [permissions, parts] = await Promise.all([
      this.permissionsFor(stored, credentials),
      this.options.incidents.detailParts(stored.incident.id),
    ]);
    return {
      incident: stored.incident,
      ownerRefs: stored.ownerRefs,
      ...parts,
      permissions,
    };
  }

  /**
   * `GET /incidents/:id`: the incident, when the caller may read it, with
   * what its page shows and what the caller may do. The page (one read),
   * the visibility and the policy's decision need only the id and the
   * caller, so they are asked at once; the decision is then applied.
   */
  async readableIncidentDetails(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentDetails> {
    const [page, readable, updateDecision] = await Promise.all([
      this.options.incidents.page(id),
      this.readableEntityRefs(credentials),
      this.shownUpdateDecisions.get(credentials, caller =>
        this.decide(incidentUpdatePermission, caller),
      ),
    ]);
    const { stored, timeline, alerts, postmortem } = page;
    await this.requireReadable(stored, credentials, readable);
    return {
      incident: stored.incident,
      ownerRefs: stored.ownerRefs,
      timeline,
      alerts,
      ...(postmortem && { postmortem }),
      permissions: await this.permissionsFor(
        stored,
        credentials,
        updateDecision,
      ),
    };
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
      (await this.mayEditPostmortem(postmortem, stored, credentials));
    return { postmortem, incident: stored.incident, permissions: { update } };
  }

  async readableIncident(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredIncident> {
    const [stored, readable] = await Promise.all([
      this.options.incidents.getStored(id),
      this.readableEntityRefs(credentials),
    ]);
    await this.requireReadable(stored, credentials, readable);
    return stored;
  }

  /**
   * Incidents are as visible as the entities they affect: a 404 unless the
   * caller may read one. The per-principal answer the lists use (`readable`)
   * settles it without a catalog request; only when it says no to a
   * conditional reader is the catalog asked about the incident's own
   * entities, since that answer was computed over the entities incidents
   * affected then and one of these may be newer.
   */
  private async requireReadable(
    stored: StoredIncident,
    credentials: BackstageCredentials,
    readable: readonly string[] | undefined,
  ): Promise<void> {
    const { entityRefs, id } = stored.incident;
    if (isVisible(entityRefs, readable)) return;
    if (!(await this.options.directory.canReadAny(entityRefs, credentials))) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
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
