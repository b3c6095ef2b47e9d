// The crash itself: SIGKILL of the backend's own node process (the
// supervised child, not a wrapper) once a number of notifications were
// delivered, and the outage as the sender and the supervisor see it.
import { performance } from 'node:perf_hooks';
import { sleep } from '../lib/process.mjs';
import { log } from '../lib/report.mjs';

/**
 * Returns { onDelivered, done, figures }: pass onDelivered to the replay; it
 * kills the backend at the `killAfter`-th 2xx answer, then polls readiness
 * every 100 ms until the restarted process answers. `done` resolves once it
 * is ready again.
 */
export function crashAfter(killAfter, { supervisor, cfg }) {
  let delivered = 0;
  let killAt;
  let readyAt;
  let firstOkAt;
  let killedPid;
  let restartedPid;
  let deliveredAtKill;
  let resolveDone;
  const done = new Promise(resolve => {
    resolveDone = resolve;
  });

  const waitReady = async () => {
    for (;;) {
      const pid = supervisor.pid('backend');
      if (pid !== killedPid) {
        try {
          const res = await fetch(
            `${cfg.base}/.backstage/health/v1/readiness`,
            { signal: AbortSignal.timeout(1000) },
          );
          if (res.ok) {
            readyAt = performance.now();
            restartedPid = pid;
            log(
              `backend ready again as PID ${pid}, ${(
                (readyAt - killAt) /
                1000
              ).toFixed(1)} s after the kill`,
            );
            resolveDone();
            return;
          }
        } catch {
          // restarting
        }
      }
      if (supervisor.stopping) {
        resolveDone();
        return;
      }
      await sleep(100);
    }
  };

  const kill = () => {
    killedPid = supervisor.pid('backend');
    deliveredAtKill = delivered;
    killAt = performance.now();
    process.kill(killedPid, 'SIGKILL');
    log(
      `SIGKILL to the backend (PID ${killedPid}) after ${delivered} notifications delivered`,
    );
    waitReady();
  };

  const onDelivered = result => {
    const now = performance.now();
    delivered++;
    // The first answer to a request sent after the kill: the new process's.
    if (
      killAt !== undefined &&
      firstOkAt === undefined &&
      now - result.ms > killAt
    )
      firstOkAt = now;
    if (delivered === killAfter) kill();
  };

  const seconds = ms =>
    ms === undefined ? undefined : Number((ms / 1000).toFixed(2));
  const figures = () => ({
    killedPid,
    restartedPid,
    deliveredAtKill,
    killToReadySeconds: seconds(readyAt && readyAt - killAt),
    killToFirst2xxSeconds: seconds(firstOkAt && firstOkAt - killAt),
    killAtMs: killAt,
  });
  return { onDelivered, done, figures };
}
