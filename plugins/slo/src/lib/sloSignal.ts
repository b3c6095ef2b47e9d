/**
 * The SLO backend's signal: after each evaluation cycle it broadcasts which
 * entities' SLOs were evaluated, so open pages can refetch.
 *
 * TODO: slo-common is adding `SLO_SIGNAL_CHANNEL` and `SloSignalMessage`;
 * once it exports them, re-export them from here instead of these copies
 * (every caller imports them from this module only).
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** The broadcast channel the SLO backend publishes on. */
export const SLO_SIGNAL_CHANNEL = 'vigil-slo';

/** Published after each evaluation cycle. */
export interface SloSignalMessage {
  type: 'evaluated';
  /** Stringified refs of the entities whose SLOs were evaluated. */
  entityRefs: string[];
  evaluatedAt: string;
}

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
