import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import { sloApiRef } from '../api/SloApi';
import type { EntitySlosResponse } from '../api/types';
import { signalConcernsEntity } from './sloSignal';
import { useSloReload } from './useSloReload';

/**
 * The entity's SLOs, fetched again when the backend signals that they were
 * evaluated (and on a slow poll). While a refetch runs, `value` still holds
 * the previous answer for the same entity, so callers show a spinner only
 * when it is missing.
 */
export function useLiveEntitySlos(
  entity: Entity,
): AsyncState<EntitySlosResponse> {
  const sloApi = useApi(sloApiRef);
  const entityRef = stringifyEntityRef(entity);
  const reloadKey = useSloReload(message =>
    signalConcernsEntity(message, entityRef),
  );
  const state = useAsync(
    () =>
      sloApi.getEntitySlos({
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }),
    [
      sloApi,
      entity.kind,
      entity.metadata.namespace,
      entity.metadata.name,
      reloadKey,
    ],
  );
  // Never another entity's SLOs while this one's load.
  if (
    state.loading &&
    state.value &&
    state.value.entityRef.toLocaleLowerCase('en-US') !==
      entityRef.toLocaleLowerCase('en-US')
  ) {
    return { loading: true };
  }
  return state;
}
