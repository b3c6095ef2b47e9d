import type { Entity } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** What the widget shows of each Component. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.type',
  'spec.lifecycle',
];

export interface MyServices {
  /** False when the user owns none and these are all Components. */
  owned: boolean;
  /** By title (or name). */
  services: Entity[];
}

const label = (entity: Entity) =>
  (entity.metadata.title ?? entity.metadata.name).toLocaleLowerCase('en-US');

function byLabel(entities: Entity[]): Entity[] {
  return [...entities].sort((a, b) => label(a).localeCompare(label(b), 'en'));
}

/**
 * The catalog Components owned by the signed-in user or one of their groups
 * (their ownership refs); every Component when they own none (e.g. a guest
 * on their first visit), so that the page is never empty.
 */
export function useMyServices() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<MyServices> => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    if (ownershipEntityRefs.length > 0) {
      const { items } = await catalogApi.getEntities({
        filter: { kind: 'Component', 'relations.ownedBy': ownershipEntityRefs },
        fields: FIELDS,
      });
      if (items.length > 0) return { owned: true, services: byLabel(items) };
    }
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Component' },
      fields: FIELDS,
    });
    return { owned: false, services: byLabel(items) };
  }, [identityApi, catalogApi]);
}
