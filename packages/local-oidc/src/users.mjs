// The OP's accounts: the catalog's User entities (the demo organisation), so
// a sign-in through the local OP always names someone the catalog knows.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * Reads User entities from a catalog file. `guest` is left out: it is the
 * embedded default's guest sign-in, never an OP account.
 */
export function readCatalogUsers(file) {
  const users = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const entity = doc.toJSON();
    if (entity?.kind !== 'User' || !entity.metadata?.name) continue;
    if (entity.metadata.name === 'guest') continue;
    const profile = entity.spec?.profile ?? {};
    if (!profile.email) continue;
    users.push({
      name: entity.metadata.name,
      displayName: profile.displayName ?? entity.metadata.name,
      email: profile.email.toLowerCase(),
    });
  }
  return users;
}

/**
 * The OP-only account: it signs in at the OP but has no catalog User, so the
 * portal's sign-in resolver refuses it (the sign-in journey shows that).
 */
export const OP_ONLY_USERS = [
  {
    name: 'mallory',
    displayName: 'Mallory Outsider',
    email: 'mallory@vigil.example',
  },
];

export function findUser(users, login) {
  const key = String(login ?? '')
    .trim()
    .toLowerCase();
  if (!key) return undefined;
  return users.find(u => u.name === key || u.email === key);
}
