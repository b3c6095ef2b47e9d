// Part 1's scenarios: Alertmanager webhook v4 notifications of one alert
// group each, and what the backend must end with. Pure: everything follows
// from the seed. The expectations come from the scenario, not from the
// backend's code.
import { createHash } from 'node:crypto';
import { pick, rngFrom, weighted } from '../lib/random.mjs';
import { MINUTE } from './options.mjs';

const SEVERITY_LABELS = [
  ['critical', 'SEV2', 3],
  ['page', 'SEV2', 3],
  ['warning', 'SEV3', 3],
  ['ticket', 'SEV3', 2],
  ['info', 'SEV4', 1],
  ['sev1', 'SEV1', 1],
];
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** Alertmanager-style timestamps: milliseconds, sometimes Go's nanoseconds. */
function amTime(ms, rng) {
  const iso = new Date(ms).toISOString();
  return rng() < 0.15
    ? iso.replace('Z', `${String(Math.floor(rng() * 1e6)).padStart(6, '0')}Z`)
    : iso;
}

/**
 * One alert group: its notifications in Alertmanager's order and what the
 * backend must end with. The group's alerts evolve through in-order
 * notifications (each changes something: a new alert, a resolve, a refire,
 * a flapping alert first seen resolved); between them Alertmanager repeats
 * the last notification or a delayed older one arrives (out of order), and
 * neither may change anything.
 */
export function buildGroup(seed, g, perGroup, t0) {
  const rng = rngFrom(seed * 1_000_003 + g);
  const name = `Bench${String(g).padStart(5, '0')}`;
  const groupKey = `{}/{service=~".+"}:{alertname="${name}"}`;
  const [severityLabel, severity] = weighted(
    rng,
    SEVERITY_LABELS.map(([l, s, w]) => [[l, s], w]),
  );
  const maxAlerts = 1 + Math.floor(rng() * 4);
  let flapsLeft = rng() < 0.3 ? 1 : 0;
  const endResolved = rng() < 0.6;
  const inOrder = Math.max(
    1,
    Math.min(perGroup, Math.round(perGroup * (0.5 + rng() * 0.2))),
  );
  const alerts = []; // {fp, labels, startsAt, endsAt, status, resolvedStep}
  const expected = {
    groupKey,
    name,
    severity,
    status: 'investigating',
    events: new Map(), // key -> count
    alerts: new Map(), // fp -> {status, startsAt, endsAt}
  };
  const expect = key =>
    expected.events.set(key, (expected.events.get(key) ?? 0) + 1);
  const newAlert = j => {
    const fp = createHash('sha256')
      .update(`${groupKey}#${j}`)
      .digest('hex')
      .slice(0, 16);
    return {
      fp,
      labels: {
        alertname: name,
        service: 'scoring-api',
        severity: severityLabel,
        job: 'scoring-api',
        instance: `10.${Math.floor(g / 250) % 256}.${g % 250}.${j + 1}:8080`,
        namespace: 'payments',
      },
    };
  };
  const snapshots = [];
  let t = t0;
  for (let step = 0; step < inOrder; step++) {
    t += MINUTE + Math.floor(rng() * 30_000);
    const firing = alerts.filter(a => a.status === 'firing');
    const resolved = alerts.filter(a => a.status === 'resolved');
    let op;
    if (step === 0) op = 'fire';
    else if (step === inOrder - 1 && endResolved && firing.length)
      op = 'resolveAll';
    else {
      const ops = [];
      if (alerts.length < maxAlerts) ops.push(['fire', 3]);
      if (firing.length) ops.push(['resolve', 3]);
      if (resolved.length) ops.push(['refire', 2]);
      if (flapsLeft && alerts.length < 5) ops.push(['flap', 1]);
      op = weighted(rng, ops);
    }
    const changed = [];
    if (op === 'fire') {
      const count =
        step === 0 ? 1 + Math.floor(rng() * Math.min(2, maxAlerts)) : 1;
      for (let k = 0; k < count; k++) {
        const a = {
          ...newAlert(alerts.length),
          status: 'firing',
          startsAt: amTime(t - Math.floor(rng() * 30_000), rng),
        };
        alerts.push(a);
        changed.push(a);
        expect(`alert_attached ${a.fp} ${a.startsAt}`);
      }
    } else if (op === 'resolve' || op === 'resolveAll') {
      const targets = op === 'resolveAll' ? firing : [pick(rng, firing)];
      for (const a of targets) {
        a.status = 'resolved';
        a.endsAt = amTime(t - Math.floor(rng() * 20_000), rng);
        a.resolvedStep = step;
        changed.push(a);
        expect(`alert_resolved ${a.fp} ${a.endsAt}`);
      }
    } else if (op === 'refire') {
      const a = pick(rng, resolved);
      a.status = 'firing';
      a.startsAt = amTime(t - Math.floor(rng() * 30_000), rng);
      delete a.endsAt;
      changed.push(a);
      expect(`alert_attached ${a.fp} ${a.startsAt}`);
    } else if (op === 'flap') {
      // Fired and resolved between two notifications: first seen resolved, no event.
      flapsLeft--;
      const a = {
        ...newAlert(alerts.length),
        status: 'resolved',
        startsAt: amTime(t - 40_000, rng),
        endsAt: amTime(t - 10_000, rng),
        resolvedStep: step,
      };
      alerts.push(a);
      changed.push(a);
    }
    // Firing alerts, plus alerts resolved in the last two notifications.
    const included = alerts.filter(
      a =>
        a.status === 'firing' ||
        step - a.resolvedStep <= 2 ||
        changed.includes(a),
    );
    const anyFiring = included.some(a => a.status === 'firing');
    // Incident status (resolveIncidentWhenAllResolved, reopenOnRefire).
    if (
      (op === 'fire' || op === 'refire') &&
      expected.status === 'resolved' &&
      step > 0
    ) {
      expect('status_changed resolved investigating');
      expected.status = 'investigating';
    } else if (
      (op === 'resolve' || op === 'resolveAll') &&
      !anyFiring &&
      expected.status === 'investigating' &&
      alerts.every(a => a.status === 'resolved')
    ) {
      expect('status_changed investigating resolved');
      expected.status = 'resolved';
    }
    snapshots.push(payloadFor(groupKey, name, severityLabel, included, rng));
  }
  for (const a of alerts) {
    expected.alerts.set(a.fp, {
      status: a.status,
      startsAt: a.startsAt,
      ...(a.endsAt ? { endsAt: a.endsAt } : {}),
    });
  }

  // Interleave exact repeats and delayed older notifications.
  const extras = perGroup - inOrder;
  const slots = Array.from({ length: inOrder }, () => 0);
  for (let k = 0; k < extras; k++) slots[Math.floor(rng() * inOrder)]++;
  const bodies = snapshots.map(payload => JSON.stringify(payload));
  const notifications = [];
  bodies.forEach((body, i) => {
    notifications.push({
      body,
      kind: i === 0 ? 'open' : 'change',
      expectAction: i === 0 ? 'opened' : 'updated',
    });
    for (let k = 0; k < slots[i]; k++) {
      const stale = i > 0 && rng() < 0.5;
      notifications.push({
        body: bodies[stale ? Math.floor(rng() * i) : i],
        kind: stale ? 'out-of-order' : 'repeat',
        expectAction: 'unchanged',
      });
    }
  });
  return {
    g,
    groupKey,
    expected,
    notifications,
    next: 0,
    incidentIds: new Set(),
    actions: [],
  };
}

function payloadFor(groupKey, name, severityLabel, included, rng) {
  const labels = included.map(a => a.labels);
  const common = Object.fromEntries(
    Object.entries(labels[0]).filter(([k, v]) => labels.every(l => l[k] === v)),
  );
  const summary = `${name}: scoring-api error budget burning too fast`;
  return {
    receiver: 'vigil-incidents',
    status: included.some(a => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: included.map(a => ({
      status: a.status,
      labels: a.labels,
      annotations: {
        summary,
        description: `High error rate on ${a.labels.instance} (${(
          1 +
          rng() * 5
        ).toFixed(2)}% of requests)`,
        runbook_url: 'https://vigil.example/runbooks/scoring-api-errors',
      },
      startsAt: a.startsAt,
      endsAt: a.status === 'resolved' ? a.endsAt : GO_ZERO_TIME,
      generatorURL: `http://prometheus.example:9090/graph?g0.expr=${encodeURIComponent(
        `job:slo_errors_per_request:ratio_rate5m{service="scoring-api"} > 0.014`,
      )}&g0.tab=1`,
      fingerprint: a.fp,
    })),
    groupLabels: { alertname: name },
    commonLabels: common,
    commonAnnotations: {
      summary,
      runbook_url: 'https://vigil.example/runbooks/scoring-api-errors',
    },
    externalURL: 'http://alertmanager.example:9093',
    version: '4',
    groupKey,
    truncatedAlerts: 0,
  };
}

/**
 * Groups `first + 1` .. `first + count`, the first notification of group g
 * about `t0 + (g - 1)` seconds.
 */
export const buildGroups = (seed, perGroup, t0, first, count) =>
  Array.from({ length: count }, (_, k) =>
    buildGroup(seed, first + k + 1, perGroup, t0 + (first + k) * 1000),
  );
