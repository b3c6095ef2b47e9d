import { DrillDeps } from './drillDeps';
import { DrillOptions } from './options';

/** What every drill step shares: the settings, the deploy path, the clock and the log. */
export interface DrillStepContext {
  options: DrillOptions;
  deps: DrillDeps;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Logs one progress line, prefixed `drill: `. */
  step: (line: string) => void;
}

/** Durations as the drill's log prints them: ms below a second, else seconds. */
export const seconds = (ms: number) =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
