// The final block of the incidents benchmark: the figures as text, same
// names and units run after run so results stay comparable.
import path from 'node:path';
import { root } from '../lib/process.mjs';
import { formatFloor } from '../lib/backstage-floor.mjs';
import { table } from '../lib/report.mjs';

/** The final block's lines, from the figures and the check's verdict. */
export function formatReport(cfg, figures, verdict) {
  const out = [];
  out.push(
    '',
    `== Incidents benchmark (${figures.database}, seed ${cfg.seed}) ==`,
  );
  out.push(
    `seed ${cfg.incidents} incidents: ${(figures.seedMs / 1000).toFixed(
      1,
    )} s   backend start: ${(figures.backendStartMs / 1000).toFixed(
      1,
    )} s   total run: ${figures.totalSeconds} s`,
  );
  if (figures.webhook) {
    const w = figures.webhook;
    const v = figures.verification;
    out.push(
      '',
      `-- Part 1: Alertmanager webhook replay (${cfg.groups} groups x ${cfg.perGroup}, ${cfg.concurrency} in flight)`,
    );
    out.push(
      `notifications          ${w.notifications} (${Object.entries(w.kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')})`,
    );
    out.push(`wall time              ${w.wallSeconds} s`);
    out.push(`throughput             ${w.throughputPerSecond} notifications/s`);
    out.push(
      `latency ms             p50 ${w.latencyMs.p50}   p95 ${w.latencyMs.p95}   p99 ${w.latencyMs.p99}   max ${w.latencyMs.max}`,
    );
    for (const [name, title] of [
      ['whileOpening', 'while opening'],
      ['afterLastOpen', 'after last open'],
    ]) {
      const ph = w.phases[name];
      out.push(
        `  ${title.padEnd(21)}${ph.notifications} in ${ph.seconds} s = ${
          ph.perSecond
        }/s; p50 ${ph.latencyMs.p50}   p95 ${ph.latencyMs.p95}   p99 ${
          ph.latencyMs.p99
        }`,
      );
    }
    out.push(
      `  p50/p95 by kind      ${Object.entries(w.latencyMsByKind)
        .map(([k, l]) => `${k} ${l.p50}/${l.p95}`)
        .join(', ')}`,
    );
    if (w.backendCpuSeconds !== undefined) {
      out.push(
        `backend CPU            ${w.backendCpuSeconds} s = ${w.backendCores} cores busy, ${w.backendCpuMsPerRequest} ms per notification`,
      );
    }
    out.push(
      `non-2xx / retries      ${JSON.stringify(w.non2xx)} / ${
        w.retries
      } retries, ${w.failed} given up`,
    );
    if (w.serverActions)
      out.push(`server-side actions    ${JSON.stringify(w.serverActions)}`);
    if (figures.haPair) {
      const h = figures.haPair;
      out.push(
        `HA pair, new groups    ${h.groups} groups, ${
          h.notifications
        } notifications sent twice at once (${h.requests} requests) in ${
          h.wallSeconds
        } s; p50 ${h.latencyMs.p50} p95 ${h.latencyMs.p95} p99 ${
          h.latencyMs.p99
        } ms; non-2xx ${JSON.stringify(h.non2xx)}, ${h.retries} retries, ${
          h.failed
        } given up`,
      );
    }
    out.push(
      `verification           ${v.incidentsListed} incidents listed for ${v.groups} groups (incl. HA); lost ${v.lost}, duplicated ${v.duplicated}, foreign ${v.foreign}`,
    );
    out.push(
      `                       ${v.expectedEvents} expected alert/status events: missing ${v.eventsMissing}, unexpected ${v.eventsUnexpected}; alert states wrong ${v.alertMismatches}; incident status wrong ${v.statusMismatches}; severity wrong ${v.severityMismatches}; webhook actions wrong ${v.actionMismatches} (${v.seconds} s)`,
    );
    if (figures.duplicateDelivery) {
      const d = figures.duplicateDelivery;
      out.push(
        `duplicate delivery     ${d.sent} requests (${
          d.distinctNotifications
        } notifications x2, ${cfg.concurrency * 2} in flight) in ${
          d.wallSeconds
        } s, ${d.throughputPerSecond}/s; p50 ${d.latencyMs.p50} p95 ${
          d.latencyMs.p95
        } p99 ${d.latencyMs.p99} ms`,
      );
      out.push(
        `                       answers ${JSON.stringify(
          d.actions,
        )}; non-2xx ${JSON.stringify(d.non2xx)}; ${d.incidentsChanged} of ${
          d.incidentsChecked
        } incidents changed`,
      );
    }
  }
  if (figures.list) {
    out.push(
      '',
      `-- Part 2: list API with ${figures.list.incidentsInDatabase} incidents (${cfg.connections} connections, ${cfg.duration} s each)`,
    );
    out.push(
      table(figures.list.queries, [
        ['query', 'query'],
        ['matching', 'matching'],
        ['rps', 'req/s'],
        ['p50', 'p50 ms'],
        ['p95', 'p95 ms'],
        ['p99', 'p99 ms'],
        ['max', 'max ms'],
        ['non2xx', 'non-2xx'],
        ['backendCores', 'backend cores'],
      ]),
    );
    const page = figures.list.detailBelowHttp;
    if (page) {
      out.push(
        `incident detail below HTTP, one call at a time: page read ${page.readMs} ms, serializing ${page.serializeMs} ms (${page.bodyBytes} bytes, ${page.timelineEntries} timeline entries)`,
      );
    }
    const bare = figures.list.bareNodeCeiling;
    if (bare) {
      out.push(
        `bare Node http server   ${bare.rps} req/s, p50/p95/p99 ${bare.latencyMs.p50}/${bare.latencyMs.p95}/${bare.latencyMs.p99} ms (same connections and duration: the machine's ceiling)`,
      );
    }
    const floor = figures.list.backstageFloor;
    if (floor) {
      out.push('Backstage floor (a route that does no work, same settings):');
      out.push(...formatFloor(floor).map(line => `  ${line}`));
    }
  }
  if (figures.backendPeakRssMb !== undefined) {
    out.push(`backend peak RSS       ${figures.backendPeakRssMb} MiB`);
  }
  if (figures.webhook) {
    out.push('');
    if (verdict.ok) out.push('OK: no notification lost or duplicated');
    else {
      out.push(`MISMATCH: ${verdict.problems.length} problem(s)`);
      for (const p of verdict.problems.slice(0, 50)) out.push(`  - ${p}`);
      if (verdict.problems.length > 50)
        out.push(
          `  ... and ${
            verdict.problems.length - 50
          } more (all in ${path.relative(root, cfg.work)}/problems.txt)`,
        );
    }
  }
  out.push(`(figures also in ${path.relative(root, cfg.work)}/figures.json)`);
  return out;
}
