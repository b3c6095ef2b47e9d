import { createHash } from 'node:crypto';
import { canonicalJson } from '@vigil/backstage-plugin-launch-gates-common';

/** sha256 (hex) of a value's canonical JSON: equal evidence, equal hash. */
export function sha256OfJson(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
