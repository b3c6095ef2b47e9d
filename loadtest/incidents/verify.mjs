// The loss/duplication check: compares what the API holds (`GET
// /incidents?q=Bench`, then each incident's details) with every group's
// expectation: one incident per group, every expected alert and status event
// exactly once and no other, the final alert states, status and severity,
// and each webhook answer.
import { getJson } from '../lib/http.mjs';
import { pool } from '../lib/load.mjs';

/** Every incident whose title carries the benchmark's alert names, by group key. */
async function listBenchIncidents(cfg, headers) {
  const items = [];
  let totalCount = 0;
  for (let offset = 0; ; offset += 200) {
    const page = await getJson(
      `${cfg.base}/api/incidents/incidents?q=Bench&status=all&limit=200&offset=${offset}`,
      headers,
    );
    totalCount = page.totalCount;
    items.push(...page.items);
    if (page.items.length < 200) break;
  }
  return { items, totalCount };
}

/** Timeline events of on-call paging (OnCallPaging), outside the scenario's expectations. */
const PAGING_EVENTS = new Set(['paged', 'paging_unavailable']);

function eventKey(event) {
  switch (event.type) {
    case 'alert_attached':
      return `alert_attached ${event.fingerprint} ${event.startsAt}`;
    case 'alert_resolved':
      return `alert_resolved ${event.fingerprint} ${event.endsAt}`;
    case 'status_changed':
      return `status_changed ${event.from} ${event.to}`;
    default:
      return event.type;
  }
}

export async function fetchDetails(cfg, ids, headers) {
  const details = new Map();
  await pool(ids, cfg.concurrency, async id => {
    details.set(
      id,
      await getJson(
        `${cfg.base}/api/incidents/incidents/${encodeURIComponent(id)}`,
        headers,
      ),
    );
  });
  return details;
}

/** Compares what the API holds with each group's expectation; returns the problems found. */
export async function verify(cfg, groups, headers) {
  const problems = [];
  const counts = {
    lost: 0,
    duplicated: 0,
    eventsMissing: 0,
    eventsUnexpected: 0,
    alertMismatches: 0,
    statusMismatches: 0,
    severityMismatches: 0,
    actionMismatches: 0,
    foreign: 0,
  };
  const { items, totalCount } = await listBenchIncidents(cfg, headers);
  const byKey = new Map();
  for (const incident of items) {
    const list = byKey.get(incident.alertGroupKey) ?? [];
    list.push(incident);
    byKey.set(incident.alertGroupKey, list);
  }
  const known = new Set(groups.map(g => g.groupKey));
  for (const [key, list] of byKey) {
    if (!known.has(key)) {
      counts.foreign += list.length;
      problems.push(
        `incident(s) ${list
          .map(i => i.id)
          .join(', ')} with group key ${key} belong to no benchmark group`,
      );
    }
  }
  const ids = [];
  for (const group of groups) {
    const found = byKey.get(group.groupKey) ?? [];
    if (found.length === 0) {
      counts.lost++;
      problems.push(`${group.expected.name}: no incident (lost)`);
    } else if (found.length > 1) {
      counts.duplicated++;
      problems.push(
        `${group.expected.name}: ${found.length} incidents (${found
          .map(i => i.id)
          .join(', ')})`,
      );
    }
    if (group.incidentIds.size > 1) {
      problems.push(
        `${group.expected.name}: webhook answered with ${group.incidentIds.size} incident ids`,
      );
    }
    for (const [i, action] of group.actions.entries()) {
      // Of a pair sent at once, one does the work and the other finds it done.
      const want = [
        action.expected,
        ...action.got.slice(1).map(() => 'unchanged'),
      ]
        .sort()
        .join(' + ');
      const got = [...action.got].sort().join(' + ');
      if (got !== want) {
        counts.actionMismatches++;
        problems.push(
          `${group.expected.name}: notification ${i} (${action.kind}) answered ${got}, expected ${want}`,
        );
      }
    }
    if (found.length >= 1) ids.push(...found.map(i => i.id));
  }
  const details = await fetchDetails(cfg, ids, headers);
  for (const group of groups) {
    const found = byKey.get(group.groupKey) ?? [];
    if (found.length !== 1) continue;
    const d = details.get(found[0].id);
    const exp = group.expected;
    const name = exp.name;
    if (d.incident.status !== exp.status) {
      counts.statusMismatches++;
      problems.push(
        `${name}: incident status ${d.incident.status}, expected ${exp.status}`,
      );
    }
    if (d.incident.severity !== exp.severity) {
      counts.severityMismatches++;
      problems.push(
        `${name}: severity ${d.incident.severity}, expected ${exp.severity}`,
      );
    }
    const got = new Map();
    for (const event of d.timeline) {
      // Paging outcomes depend on who the demo on-call schedule has on call
      // and on the on-call backend answering in time, not on the scenario.
      if (PAGING_EVENTS.has(event.type)) continue;
      const key = eventKey(event);
      got.set(key, (got.get(key) ?? 0) + 1);
    }
    for (const key of new Set([...got.keys(), ...exp.events.keys()])) {
      const want = exp.events.get(key) ?? 0;
      const have = got.get(key) ?? 0;
      if (have < want) {
        counts.eventsMissing += want - have;
        problems.push(`${name}: ${want - have} missing event(s) "${key}"`);
      } else if (have > want) {
        counts.eventsUnexpected += have - want;
        problems.push(
          `${name}: ${
            have - want
          } unexpected event(s) "${key}" (${have} instead of ${want})`,
        );
      }
    }
    const alerts = new Map(d.alerts.map(a => [a.fingerprint, a]));
    for (const fp of new Set([...alerts.keys(), ...exp.alerts.keys()])) {
      const a = alerts.get(fp);
      const e = exp.alerts.get(fp);
      const same =
        a &&
        e &&
        a.status === e.status &&
        a.startsAt === e.startsAt &&
        (a.endsAt ?? null) === (e.endsAt ?? null);
      if (!same) {
        counts.alertMismatches++;
        problems.push(
          `${name}: alert ${fp} is ${
            a ? `${a.status} ${a.startsAt}..${a.endsAt ?? ''}` : 'absent'
          }, expected ${
            e ? `${e.status} ${e.startsAt}..${e.endsAt ?? ''}` : 'absent'
          }`,
        );
      }
    }
  }
  const expectedEvents = groups.reduce(
    (sum, g) =>
      sum + [...g.expected.events.values()].reduce((a, b) => a + b, 0),
    0,
  );
  return {
    problems,
    counts,
    listed: items.length,
    totalCount,
    details,
    expectedEvents,
  };
}
