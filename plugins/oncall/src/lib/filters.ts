import type { Entity } from '@backstage/catalog-model';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';

/**
 * Kinds whose owner's schedules the "On call now" card shows.
 * @public
 */
export const ON_CALL_CARD_KINDS = ['component', 'system', 'group', 'resource'];

const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

/**
 * Whether the entity gets the "On call now" card: a group (its own owner) or
 * a component, system or resource with an owner.
 * @public
 */
export function hasOnCallCard(entity: Entity): boolean {
  const kind = kindOf(entity);
  if (!ON_CALL_CARD_KINDS.includes(kind)) return false;
  if (kind === 'group') return true;
  return Boolean(
    entity.spec?.owner ||
      entity.relations?.some(r => r.type === RELATION_OWNED_BY),
  );
}

/**
 * Whether the entity gets the "On call" tab (schedules and policies).
 * @public
 */
export function isOnCallGroup(entity: Entity): boolean {
  return kindOf(entity) === 'group';
}
