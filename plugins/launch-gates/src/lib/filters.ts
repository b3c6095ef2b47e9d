import type { Entity } from '@backstage/catalog-model';

/**
 * Whether the entity gets the "Launch" tab: components, the things that
 * launch.
 * @public
 */
export function isLaunchTabAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}
