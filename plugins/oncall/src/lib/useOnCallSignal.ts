import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/** The backend's signal channel (ROUTES.md). */
export const ONCALL_SIGNAL_CHANNEL = 'vigil-oncall';

/** A message on the on-call channel. */
export type OnCallSignal =
  | {
      type:
        | 'page_opened'
        | 'page_escalated'
        | 'page_acknowledged'
        | 'page_resolved';
      pageId: string;
      incidentId?: string;
    }
  | { type: 'schedule_changed'; scheduleId: string; version: number };

/**
 * Calls `reload` when a signal that `matters` arrives, so an open view
 * follows other people's changes (a new override, an acknowledgement)
 * without polling. Without the signals plugin it does nothing.
 */
export function useOnCallSignal(
  matters: (signal: OnCallSignal) => boolean,
  reload: () => void,
) {
  const { lastSignal } = useSignal<OnCallSignal>(ONCALL_SIGNAL_CHANNEL);
  // The latest callbacks, so a new render does not replay an old signal.
  const latest = useRef({ matters, reload });
  latest.current = { matters, reload };
  useEffect(() => {
    if (lastSignal && latest.current.matters(lastSignal)) {
      latest.current.reload();
    }
  }, [lastSignal]);
}
