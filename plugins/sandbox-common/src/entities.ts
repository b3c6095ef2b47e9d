import { parseEntityRef, type Entity } from '@backstage/catalog-model';

/**
 * The catalog namespace of the sandbox's system and synthetic services:
 * what keeps sandbox data apart from real data everywhere.
 * @public
 */
export const SANDBOX_NAMESPACE = 'sandbox';

/**
 * How a portal-wide list treats the sandbox's practice data: listed with
 * the real data, left out, or listed alone (the `sandbox` query parameter of
 * the SLO and incident lists).
 * @public
 */
export const SANDBOX_LISTINGS = ['include', 'exclude', 'only'] as const;

/** @public */
export type SandboxListing = (typeof SANDBOX_LISTINGS)[number];

/**
 * The command that starts the portal with the sandbox (the page says it
 * when the sandbox is not running).
 * @public
 */
export const SANDBOX_START_COMMAND = './vigil start --sandbox';

/**
 * Whether an entity ref (`kind:namespace/name`, any case) names an entity
 * of the sandbox namespace. A ref without a namespace is in `default`; a
 * ref that does not parse is not a sandbox one.
 * @public
 */
export function isSandboxEntityRef(ref: string | undefined | null): boolean {
  if (typeof ref !== 'string' || ref === '') return false;
  try {
    const { namespace } = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    return namespace.toLocaleLowerCase('en-US') === SANDBOX_NAMESPACE;
  } catch {
    return false;
  }
}

/**
 * Whether a catalog entity lives in the sandbox namespace.
 * @public
 */
export function isSandboxEntity(
  entity: Pick<Entity, 'metadata'> | undefined,
): boolean {
  const namespace = entity?.metadata?.namespace;
  return (
    typeof namespace === 'string' &&
    namespace.toLocaleLowerCase('en-US') === SANDBOX_NAMESPACE
  );
}

/**
 * Whether something that affects `entityRefs` (an incident) belongs to the
 * sandbox alone: it names at least one entity and every one is a sandbox
 * entity. Something that also affects a real entity is real data.
 * @public
 */
export function isSandboxOnly(entityRefs: readonly string[]): boolean {
  return entityRefs.length > 0 && entityRefs.every(isSandboxEntityRef);
}
