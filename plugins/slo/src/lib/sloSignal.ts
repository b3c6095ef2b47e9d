/**
 * Helpers for the SLO backend's signal: after each evaluation cycle it
 * broadcasts on `SLO_SIGNAL_CHANNEL` which entities' SLOs were evaluated, so
 * open pages can refetch. The channel and message type come from slo-common.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { SloSignalMessage } from '@vigil/backstage-plugin-slo-common';

/** Whether a message from the channel is an `evaluated` message. */
export function isSloSignalMessage(
  message: unknown,
): message is SloSignalMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type, entityRefs } = message as Partial<SloSignalMessage>;
  return (
    type === 'evaluated' &&
    Array.isArray(entityRefs) &&
    entityRefs.every(ref => typeof ref === 'string')
  );
}

/** Entity refs compare case-insensitively, as the catalog compares them. */
function normalizeRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** Whether the message says the entity's SLOs were evaluated. */
export function signalConcernsEntity(
  message: SloSignalMessage,
  entityRef: string,
): boolean {
  const wanted = normalizeRef(entityRef);
  return (
    wanted !== undefined &&
    message.entityRefs.some(ref => normalizeRef(ref) === wanted)
  );
}
