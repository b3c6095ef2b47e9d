import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The signed-in user's ref and ownership refs (their groups), lower-cased;
 * the UI uses them to say whether you may sign or answer. The backend
 * decides; this only explains.
 */
export function useOwnershipRefs(): string[] | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return [identity.userEntityRef, ...identity.ownershipEntityRefs].map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
  }, [identityApi]);
  return value;
}
