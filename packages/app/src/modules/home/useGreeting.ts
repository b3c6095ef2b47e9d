import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** "Good morning" before noon, "Good afternoon" before six, then "Good evening". */
export function greetingFor(date: Date): string {
  const hour = date.getHours();
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** The name to greet: the profile's display name, else the user entity's name. */
export function displayNameOf(
  profileDisplayName: string | undefined,
  userEntityRef: string | undefined,
): string | undefined {
  const displayName = profileDisplayName?.trim();
  if (displayName) return displayName;
  // user:default/jane.doe -> jane.doe
  const name = userEntityRef?.split('/').pop()?.trim();
  return name || undefined;
}

/** "Good morning, Alice Smith" (without the name until it is known). */
export function useGreeting(now: () => Date = () => new Date()): string {
  const identityApi = useApi(identityApiRef);
  const { value: name } = useAsync(async () => {
    const [profile, identity] = await Promise.all([
      identityApi.getProfileInfo().catch(() => undefined),
      identityApi.getBackstageIdentity().catch(() => undefined),
    ]);
    return displayNameOf(profile?.displayName, identity?.userEntityRef);
  }, [identityApi]);
  const greeting = greetingFor(now());
  return name ? `${greeting}, ${name}` : greeting;
}
