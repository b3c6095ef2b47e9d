// The crash benchmark's final block: same names and units run after run.
import path from 'node:path';
import { root } from '../lib/process.mjs';

const s = value => (value === undefined ? '-' : `${value} s`);

/** The final block's lines. */
export function formatReport(cfg, f, problems) {
  const o = f.outage;
  const d = f.delivery;
  const ipg = f.incidentsPerGroup;
  const a = f.webhookAnswers;
  const out = [
    '',
    `== Crash benchmark (${f.database}, seed ${cfg.seed}) ==`,
    `notifications          ${f.notifications} over ${f.groups} groups, ${
      cfg.concurrency
    } in flight, SIGKILL of the backend after ${
      o.deliveredAtKill
    } delivered (${s(o.killAtSecondsIntoBurst)} into the burst)`,
    `backend                PID ${
      o.killedPid
    } killed, restarted by the supervisor as PID ${o.restartedPid ?? '-'} (${
      o.restarts
    } restart(s)); first start ${(f.backendStartMs / 1000).toFixed(1)} s`,
    `outage                 kill -> ready ${s(
      o.killToReadySeconds,
    )}   kill -> first 2xx ${s(o.killToFirst2xxSeconds)}`,
    `delivered              ${d.delivered} of ${f.notifications} in ${
      d.wallSeconds
    } s; retries ${d.retries} (${
      Object.entries(d.non2xx)
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ') || 'none'
    }); given up ${d.failed}`,
    `incidents per group    exactly one ${ipg.exactlyOne}, none ${ipg.none}, more than one ${ipg.moreThanOne}`,
    `alerts                 expected ${f.alerts.expected}, found ${f.alerts.found}; arrivals (alert_attached) expected ${f.alertArrivals.expected}, found ${f.alertArrivals.found}`,
    `lost                   ${f.lost}`,
    `doubled                ${f.doubled}`,
    `mismatches             alerts ${f.mismatches.alerts}, status ${f.mismatches.status}, severity ${f.mismatches.severity}, foreign incidents ${f.mismatches.foreign}`,
    `webhook answers        ${a.asExpected} as expected, ${a.unchangedAfterRetry} "unchanged" (processed before the kill, the answer lost, the retry found it done), ${a.other} other`,
    `figures                ${path.relative(
      root,
      path.join(cfg.work, 'figures.json'),
    )}`,
  ];
  if (problems.length === 0) {
    out.push(
      'OK: every group has exactly one incident and every alert arrived exactly once',
    );
  } else {
    out.push(
      `MISMATCH: ${problems.length} problem(s)`,
      ...problems.slice(0, 50),
    );
  }
  return out;
}
