import { useEffect, useState } from 'react';

/** How often relative times ("41 seconds ago") are redrawn. */
export const NOW_INTERVAL_MS = 5_000;

/** The current time in ms, updated every `intervalMs` so relative times tick. */
export function useNow(intervalMs: number = NOW_INTERVAL_MS): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // Catch up at once in case time passed between render and effect.
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
