import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef, useState } from 'react';
import {
  SLO_SIGNAL_CHANNEL,
  SloSignalMessage,
} from '@vigil/backstage-plugin-slo-common';
import { isSloSignalMessage } from './sloSignal';

/** Signals that arrive this close together cause one refetch. */
export const SIGNAL_DEBOUNCE_MS = 1_000;
/** Refetch this often anyway, in case signals are not connected. */
export const POLL_INTERVAL_MS = 60_000;

/**
 * A number that changes when the shown data should be refetched: shortly
 * after an SLO evaluation `concerns` says matters here (several signals in
 * quick succession count once), and every {@link POLL_INTERVAL_MS} in case
 * the signals connection is down. Put it in the fetch's dependencies.
 *
 * Without a signals API (e.g. in tests) only the poll applies.
 */
export function useSloReload(
  concerns: (message: SloSignalMessage) => boolean,
  options: { debounceMs?: number; pollMs?: number } = {},
): number {
  const { debounceMs = SIGNAL_DEBOUNCE_MS, pollMs = POLL_INTERVAL_MS } =
    options;
  const [reloadKey, setReloadKey] = useState(0);
  const { lastSignal } = useSignal(SLO_SIGNAL_CHANNEL);
  // The latest predicate, without re-running the effect when it changes.
  const concernsRef = useRef(concerns);
  concernsRef.current = concerns;
  const pending = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!isSloSignalMessage(lastSignal) || !concernsRef.current(lastSignal)) {
      return;
    }
    // A refetch is already scheduled: it will see this evaluation too.
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      setReloadKey(key => key + 1);
    }, debounceMs);
  }, [lastSignal, debounceMs]);

  useEffect(
    () => () => {
      if (pending.current !== undefined) clearTimeout(pending.current);
      pending.current = undefined;
    },
    [],
  );

  useEffect(() => {
    const timer = setInterval(() => setReloadKey(key => key + 1), pollMs);
    return () => clearInterval(timer);
  }, [pollMs]);

  return reloadKey;
}
