import type { SmokeCheck } from '@vigil/backstage-plugin-deployments-common';
import {
  SmokeTarget,
  describeSmokeFailure,
  runSmokeTests,
} from '../smoke/smokeTests';
import { AvailabilitySlo, FastBurnReading, readFastBurn } from './fastBurn';

export interface WatchOptions {
  /** The colour now taking traffic, addressed directly. */
  target: SmokeTarget;
  durationMs: number;
  /** Between two rounds of checks. */
  intervalMs?: number;
  /** undefined: Prometheus is not asked (the watch says so). */
  prometheusUrl?: string;
  slo: AvailabilitySlo;
  /** Progress lines. */
  log: (line: string) => void;
  /** Every smoke check run, for the record. */
  onSmoke?: (checks: SmokeCheck[]) => void;
  /** Aborting ends the watch early as a failure ("interrupted"). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export type WatchResult =
  | { ok: true; rounds: number; prometheus: 'used' | 'unreachable' | 'off' }
  | {
      ok: false;
      signal: 'smoke' | 'fast-burn' | 'interrupted';
      detail: string;
      at: Date;
      rounds: number;
    };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The watch window after a switch: smoke tests against the live colour and
 * the availability SLO's fast-burn condition from Prometheus, every few
 * seconds, until the window ends or one of them fails. When Prometheus
 * cannot be read the watch says so (once) and relies on the smoke tests; it
 * never counts an unread burn rate as a pass silently.
 */
export async function watchRelease(
  options: WatchOptions,
): Promise<WatchResult> {
  const intervalMs = options.intervalMs ?? 3000;
  const end = Date.now() + options.durationMs;
  let rounds = 0;
  let prometheusState: 'used' | 'unreachable' | 'off' = options.prometheusUrl
    ? 'used'
    : 'off';
  if (!options.prometheusUrl) {
    options.log(
      '  watch: Prometheus is not configured; the watch relies on smoke tests only',
    );
  }
  let lastReadingWasUnreachable = false;
  for (;;) {
    if (options.signal?.aborted) {
      return {
        ok: false,
        signal: 'interrupted',
        detail: 'the watch was interrupted',
        at: new Date(),
        rounds,
      };
    }
    rounds += 1;
    const checks = await runSmokeTests(options.target, {
      fetch: options.fetch,
    });
    options.onSmoke?.(checks);
    const smokeFailure = describeSmokeFailure(checks);
    if (smokeFailure) {
      return {
        ok: false,
        signal: 'smoke',
        detail: `smoke tests failed on ${options.target.name}: ${smokeFailure}`,
        at: new Date(),
        rounds,
      };
    }
    if (options.prometheusUrl) {
      const reading: FastBurnReading = await readFastBurn({
        prometheusUrl: options.prometheusUrl,
        color: options.target.name,
        slo: options.slo,
        fetch: options.fetch,
      });
      if (!reading.reachable) {
        if (!lastReadingWasUnreachable) {
          options.log(
            `  watch: ${reading.detail}; relying on smoke tests until it answers`,
          );
        }
        lastReadingWasUnreachable = true;
        prometheusState = 'unreachable';
      } else {
        if (lastReadingWasUnreachable) {
          options.log('  watch: Prometheus answers again');
        }
        lastReadingWasUnreachable = false;
        if (reading.burning) {
          return {
            ok: false,
            signal: 'fast-burn',
            detail: `the availability SLO burns fast on ${options.target.name}: ${reading.detail}`,
            at: new Date(),
            rounds,
          };
        }
      }
    }
    const left = end - Date.now();
    if (left <= 0) {
      return {
        ok: true,
        rounds,
        // 'unreachable' when any round could not read it.
        prometheus: prometheusState,
      };
    }
    await sleep(Math.min(intervalMs, left), options.signal);
  }
}
