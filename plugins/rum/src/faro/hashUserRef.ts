/**
 * The SHA-256 (hex) of a Backstage user entity ref, lower-cased: the only
 * trace of who the user is that leaves the browser (Faro's `meta.user.hash`),
 * enough to count distinct users, not to name them without the list of refs.
 * @public
 */
export async function hashUserRef(userEntityRef: string): Promise<string> {
  const data = new TextEncoder().encode(
    userEntityRef.toLocaleLowerCase('en-US'),
  );
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  return Array.from(new Uint8Array(digest))
    .map(byte => byte.toString(16).padStart(2, '0'))
    .join('');
}
