import type { Entity } from '@backstage/catalog-model';

/**
 * Whether the entity gets the "Deployments" tab: a component of type
 * `service`, the kind of thing the deploy CLI releases.
 * @public
 */
export function isDeployableService(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === 'service'
  );
}
