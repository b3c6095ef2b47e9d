import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { onCallApiRef } from '../api';
import {
  shiftWindow,
  windowStartingAt,
  type TimelineWindow,
} from '../lib/timelineWindow';

/** A schedule's timeline over a two-week window the user can move. */
export function useScheduleTimeline(scheduleId: string, timeZone: string) {
  const api = useApi(onCallApiRef);
  const [window, setWindow] = useState<TimelineWindow>(() =>
    windowStartingAt(Date.now(), timeZone),
  );
  const timeline = useAsyncRetry(
    () =>
      api.getTimeline(scheduleId, {
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
      }),
    [api, scheduleId, window],
  );
  return {
    window,
    timeline,
    previous: () => setWindow(w => shiftWindow(w, -1, timeZone)),
    next: () => setWindow(w => shiftWindow(w, 1, timeZone)),
    today: () => setWindow(windowStartingAt(Date.now(), timeZone)),
  };
}
