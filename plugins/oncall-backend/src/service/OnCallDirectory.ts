import type { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EscalationPolicy } from '@vigil/backstage-plugin-oncall-common';
import type { OnCallStore } from '../database/OnCallStore';

/**
 * Names the escalation policy of an entity: a policy id, or `<group ref>/<policy name>`.
 *
 * @public
 */
export const ESCALATION_POLICY_ANNOTATION = 'vigil.dev/escalation-policy';

const normalize = (ref: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );

/** The owner of an entity: a Group is its own; else ownedBy relation, else spec.owner. */
function ownerOfEntity(entity: Entity): string | undefined {
  if (entity.kind.toLowerCase() === 'group') return stringifyEntityRef(entity);
  const relation = (entity.relations ?? []).find(
    r => r.type === RELATION_OWNED_BY,
  );
  if (relation) return relation.targetRef;
  const owner = entity.spec?.owner;
  return typeof owner === 'string' && owner
    ? normalize(owner, 'group')
    : undefined;
}

/**
 * What on-call asks of the catalog (with the plugin's own service
 * credentials: paging must work whoever triggers it): an entity's owner, a
 * group's members, and the escalation policy that pages for an entity.
 */
export class OnCallDirectory {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: OnCallStore;
    },
  ) {}

  private async entity(entityRef: string): Promise<Entity | undefined> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    return this.options.catalog.getEntityByRef(entityRef, { credentials });
  }

  async ownerOf(entityRef: string): Promise<string | undefined> {
    const entity = await this.entity(entityRef);
    return entity ? ownerOfEntity(entity) : undefined;
  }

  /** The users of a group (its hasMember relations, else spec.members). */
  async membersOf(groupRef: string): Promise<string[]> {
    const group = await this.entity(groupRef);
    if (!group) return [];
    const fromRelations = (group.relations ?? [])
      .filter(r => r.type === RELATION_HAS_MEMBER)
      .map(r => r.targetRef);
    if (fromRelations.length > 0) return fromRelations;
    const members = (group.spec?.members ?? []) as unknown[];
    return members
      .filter((m): m is string => typeof m === 'string')
      .map(m => normalize(m, 'user'));
  }

  /**
   * The entity's annotated policy, else its owner's first-created policy.
   * An annotation naming no existing policy falls back to the owner's.
   */
  async policyFor(entityRef: string): Promise<EscalationPolicy | undefined> {
    return (await this.ownerAndPolicyOf(entityRef))?.policy;
  }

  /** Both, from one catalog read; undefined when the entity does not exist. */
  async ownerAndPolicyOf(
    entityRef: string,
  ): Promise<
    | { ownerRef: string | undefined; policy: EscalationPolicy | undefined }
    | undefined
  > {
    const entity = await this.entity(entityRef);
    if (!entity) return undefined;
    const ownerRef = ownerOfEntity(entity);
    const policy =
      (await this.annotatedPolicy(
        entity.metadata.annotations?.[ESCALATION_POLICY_ANNOTATION],
      )) ?? (ownerRef ? await this.defaultPolicyOf(ownerRef) : undefined);
    return { ownerRef, policy };
  }

  /** A group's first-created policy, its default. */
  async defaultPolicyOf(
    groupRef: string,
  ): Promise<EscalationPolicy | undefined> {
    const { items } = await this.options.store.listPolicies({
      ownerRefs: [groupRef],
      limit: 1,
      offset: 0,
    });
    return items[0];
  }

  private async annotatedPolicy(
    value: string | undefined,
  ): Promise<EscalationPolicy | undefined> {
    const text = value?.trim();
    if (!text) return undefined;
    const slash = text.lastIndexOf('/');
    if (!text.includes(':') || slash < 0) {
      return this.options.store.getPolicy(text);
    }
    // `<group ref>/<policy name>`: the ref itself holds a slash too.
    const groupRef = normalize(text.slice(0, slash), 'group');
    const name = text.slice(slash + 1);
    const { items } = await this.options.store.listPolicies({
      ownerRefs: [groupRef],
      limit: 100,
      offset: 0,
    });
    return items.find(p => p.name === name);
  }
}
