import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The longest entity ref the store keeps. */
export const MAX_ENTITY_REF_LENGTH = 255;

/**
 * An entity ref in the one form reviews are stored and looked up by:
 * `kind:namespace/name`, lower case (the catalog compares refs ignoring
 * case). Undefined when `ref` is not one.
 */
export function normaliseEntityRef(
  ref: string,
  defaults: { defaultKind?: string; defaultNamespace?: string } = {},
): string | undefined {
  try {
    const normalised = stringifyEntityRef(
      parseEntityRef(ref, defaults),
    ).toLocaleLowerCase('en-US');
    return normalised.length <= MAX_ENTITY_REF_LENGTH ? normalised : undefined;
  } catch {
    return undefined;
  }
}

/** The entity's ref, normalised. */
export const refOfEntity = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/**
 * The entity's owners: `spec.owner` (a group unless it says otherwise, in
 * the entity's namespace) and its `ownedBy` relations, normalised.
 */
export function ownersOfEntity(entity: Entity): string[] {
  const owners = new Set<string>();
  const specOwner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof specOwner === 'string') {
    const ref = normaliseEntityRef(specOwner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    if (ref) owners.add(ref);
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type !== 'ownedBy') continue;
    const ref = normaliseEntityRef(relation.targetRef);
    if (ref) owners.add(ref);
  }
  return [...owners].sort();
}

/** The entity's Launch tab in the portal (relative to `app.baseUrl`). */
export function launchTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind}/${name}/launch`.toLocaleLowerCase(
    'en-US',
  );
}
