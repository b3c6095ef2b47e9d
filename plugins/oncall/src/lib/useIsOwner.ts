import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the signed-in user belongs to (owns through) `groupRef`, so the
 * UI offers editing; the backend decides, this only hides dead ends.
 */
export function useIsOwner(groupRef: string | undefined): boolean {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(async () => {
    if (!groupRef) return false;
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .includes(groupRef.toLocaleLowerCase('en-US'));
  }, [identityApi, groupRef]);
  return value ?? false;
}

/** The signed-in user's entity ref. */
export function useUserRef(): string | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  return value;
}
