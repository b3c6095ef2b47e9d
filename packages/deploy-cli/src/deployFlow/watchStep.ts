import type { DeployEvent } from '@vigil/backstage-plugin-deployments-common';
import { watchRelease } from '../watch/watchRelease';
import { DeployRun, StepFailure } from './deployRun';

/** Why the watch's verdict rests on less than Prometheus, for the log. */
const WATCH_BASIS = {
  used: '',
  unreachable:
    ' (Prometheus could not be read in some rounds: smoke tests only there)',
  off: ' (smoke tests only)',
};

/**
 * Watches the new colour under real traffic for the watch window; a failed
 * watch makes the machine roll back to the warm old colour.
 */
export async function watchStep(run: DeployRun): Promise<DeployEvent> {
  const { ctx, options, newColor, oldColor } = run;
  if (options.watchSeconds <= 0) {
    ctx.log('- watch: skipped (--watch 0)');
    return { type: 'watch_passed' };
  }
  ctx.log(
    `- watch: ${
      options.watchSeconds
    } s of smoke tests and the availability SLO's fast-burn condition on ${newColor}${
      oldColor ? ` (${oldColor} stays warm)` : ''
    }`,
  );
  const watch = await watchRelease({
    target: {
      url: `http://127.0.0.1:${ctx.ports[newColor]}`,
      name: newColor,
      expectedVersion: run.release!.version,
    },
    durationMs: options.watchSeconds * 1000,
    intervalMs: (options.watchIntervalSeconds ?? 3) * 1000,
    prometheusUrl: ctx.prometheusUrl,
    slo: run.slo,
    log: ctx.log,
    onSmoke: checks => {
      run.smoke.push(...checks);
      run.recorder?.addSmoke(checks);
    },
    signal: options.signal,
  });
  run.watch = watch;
  if (!watch.ok) {
    ctx.log(`  FAILED ${watch.detail}`);
    throw new StepFailure({ type: 'watch_failed', reason: watch.detail });
  }
  ctx.log(`  ${watch.rounds} rounds passed${WATCH_BASIS[watch.prometheus]}`);
  return { type: 'watch_passed' };
}
