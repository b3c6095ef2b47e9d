import { Override } from './model';

/**
 * Who is on call after one override, given who was (sorted, no duplicates):
 * `add` joins `userRef`; `remove` drops it; `replace` swaps `userRef` in for
 * `replacesRef` when that person is on call, or for everyone (also in a gap)
 * when `replacesRef` is absent.
 */
export function applyOverride(
  people: string[],
  override: Pick<Override, 'action' | 'userRef' | 'replacesRef'>,
): string[] {
  const { action, userRef, replacesRef } = override;
  switch (action) {
    case 'add':
      return people.includes(userRef)
        ? people
        : sortedRefs([...people, userRef]);
    case 'remove':
      return people.filter(ref => ref !== userRef);
    case 'replace':
      if (replacesRef === undefined) return [userRef];
      if (!people.includes(replacesRef)) return people;
      return sortedRefs([
        ...people.filter(ref => ref !== replacesRef),
        userRef,
      ]);
    default:
      throw new Error(`Unknown override action: ${action}`);
  }
}

/** Sorted and deduplicated, so timelines compare and render stably. */
export function sortedRefs(refs: Iterable<string>): string[] {
  return [...new Set(refs)].sort();
}
