import { createHash } from 'crypto';
import { toMillis } from '@vigil/backstage-plugin-incidents-common';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** Row key of an alert group: group keys are unbounded text. */
export function hashGroupKey(groupKey: string): string {
  return sha256(groupKey);
}

/** Row key of a problem (correlation key). */
export function hashCorrelationKey(correlationKey: string): string {
  return sha256(`correlation\n${correlationKey}`);
}

/** Row key of a remembered resolution: the alert instance (fingerprint and start). */
export function hashAlertInstance(
  fingerprint: string,
  startsAt: string,
): string {
  return sha256(`${fingerprint}\n${toMillis(startsAt)}`);
}
