/** The users who act on incidents in the lifecycle tests. */
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
