import type { Entity } from '@backstage/catalog-model';

/**
 * Kinds that incidents affect; they get the "Incidents" tab.
 * @public
 */
export const INCIDENT_ENTITY_KINDS = ['component', 'system', 'resource', 'api'];
/**
 * Kinds that own action items; they get the "Action items" card.
 * @public
 */
export const ACTION_ITEM_OWNER_KINDS = ['user', 'group'];

const kindOf = (entity: Entity) => entity.kind.toLocaleLowerCase('en-US');

/**
 * Whether the entity gets the "Incidents" tab.
 * @public
 */
export function isIncidentsTabAvailable(entity: Entity): boolean {
  return INCIDENT_ENTITY_KINDS.includes(kindOf(entity));
}

/**
 * Whether the entity gets the "Action items" card.
 * @public
 */
export function isActionItemOwner(entity: Entity): boolean {
  return ACTION_ITEM_OWNER_KINDS.includes(kindOf(entity));
}
