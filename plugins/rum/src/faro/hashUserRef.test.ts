import { webcrypto } from 'node:crypto';
import { hashUserRef } from './hashUserRef';

describe('hashUserRef', () => {
  beforeAll(() => {
    if (!globalThis.crypto?.subtle) {
      Object.defineProperty(globalThis, 'crypto', { value: webcrypto });
    }
  });

  it.each([['user:default/alice'], ['User:Default/Alice']])(
    'hashes %s to the SHA-256 of the lower-cased ref',
    async ref => {
      // printf 'user:default/alice' | sha256sum
      expect(await hashUserRef(ref)).toBe(
        'b97698289f11066cbd01211728a5875019790c96768ec24fb2e9e88fbecec639',
      );
    },
  );
});
