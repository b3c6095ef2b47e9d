import type { Entity } from '@backstage/catalog-model';

/** The annotation naming the Faro app an entity is (Vigil: `vigil`). */
export const RUM_APP_ANNOTATION = 'vigil.dev/rum-app';

/**
 * The portal's own entity, which shows the portal usage: the one with the
 * `vigil.dev/rum-app` annotation, or the `vigil` Component.
 */
export function isPortalEntity(entity: Entity): boolean {
  if (entity.metadata.annotations?.[RUM_APP_ANNOTATION]) return true;
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.metadata.name === 'vigil'
  );
}
