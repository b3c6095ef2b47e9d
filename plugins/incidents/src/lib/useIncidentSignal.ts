import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentSignal,
} from '@vigil/backstage-plugin-incidents-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `onSignal` for every message the backend publishes on the incidents
 * channel. Does nothing when the app has no signals API (e.g. in tests), so
 * pages still work, just without live updates.
 */
export function useIncidentSignal(onSignal: (signal: IncidentSignal) => void) {
  const { lastSignal } = useSignal(INCIDENTS_SIGNAL_CHANNEL);
  // The latest callback, without resubscribing when it changes.
  const callback = useRef(onSignal);
  callback.current = onSignal;
  useEffect(() => {
    if (lastSignal && typeof lastSignal.incidentId === 'string') {
      callback.current(lastSignal as unknown as IncidentSignal);
    }
  }, [lastSignal]);
}
