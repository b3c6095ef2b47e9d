import { IANAZone } from 'luxon';

/** True for a zone luxon (and so the rotation math) can compute in. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
