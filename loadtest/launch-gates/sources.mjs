// The launch gates' sources for the benchmark: one real HTTP server that
// answers the routes the built-in check providers read, in the shapes of the
// SLO, incidents, on-call, deployments and TechDocs plugins' APIs (their
// openapi.yaml / -common types) and of Prometheus's rules API, for every
// seeded entity. It counts every request by source, so the benchmark
// reports how many source reads a cycle made (the per-cycle memo shares
// them among the reviews of one entity and the entities of one team).
import http from 'node:http';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one entity has in the sources: deterministic from its index. */
export function entityPlan(index) {
  const name = `bench-service-${String(index).padStart(3, '0')}`;
  return {
    index,
    name,
    entityRef: `component:default/${name}`,
    team: `group:default/bench-team-${index % 10}`,
    slos: 2,
    // One entity in 5 had incidents in the last 90 days, each with a
    // published postmortem and its action items done.
    incidents: index % 5 === 0 ? 2 : 0,
    alerts: 3,
  };
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Starts the server on a free loopback port. `delayMs` holds every answer
 * that long (a slower source). Returns `{ url, counts(), resetCounts(),
 * close() }`; `counts()` is requests by source (`slo`, `incidents`, ...).
 */
export async function startSources({ entities, appBaseUrl, delayMs = 0 }) {
  const plans = new Map();
  for (let i = 0; i < entities; i++) {
    const plan = entityPlan(i);
    plans.set(plan.name, plan);
  }
  const byRef = ref =>
    plans.get(String(ref ?? '').slice(String(ref ?? '').lastIndexOf('/') + 1));
  let counts = {};
  const count = source => {
    counts[source] = (counts[source] ?? 0) + 1;
  };

  const incidentsOf = (plan, now) =>
    Array.from({ length: plan.incidents }, (_, k) => ({
      id: `inc-${plan.index}-${k}`,
      title: `Elevated errors ${k}`,
      severity: 'SEV2',
      status: 'closed',
      timestamps: {
        declaredAt: new Date(now - (k + 1) * 7 * DAY_MS).toISOString(),
      },
      postmortemState: 'published',
    }));

  const rules = () => ({
    status: 'success',
    data: {
      groups: [...plans.values()].map(plan => ({
        name: `${plan.name}-slos`,
        file: `/rules/${plan.name}.yml`,
        rules: Array.from({ length: plan.alerts }, (_, k) => ({
          type: 'alerting',
          name: `${plan.name}-alert-${k}`,
          labels: { sloth_service: plan.name, severity: 'page' },
          annotations: {
            runbook_url: `${appBaseUrl}/docs/default/component/${plan.name}/alerts/`,
          },
        })),
      })),
    },
  });

  const route = (url, res) => {
    const now = Date.now();
    const p = url.pathname;
    let m;
    if (p === '/api/v1/rules') {
      count('prometheus');
      return json(res, 200, rules());
    }
    if ((m = p.match(/^\/api\/slo\/entities\/[^/]+\/[^/]+\/([^/]+)\/slos$/))) {
      count('slo');
      const plan = plans.get(decodeURIComponent(m[1]));
      if (!plan)
        return json(res, 404, { error: { message: 'unknown entity' } });
      return json(res, 200, {
        entityRef: plan.entityRef,
        errors: [],
        slos: Array.from({ length: plan.slos }, (_, k) => ({
          sloId: `${plan.name}-slo-${k}`,
          name: k ? 'latency' : 'availability',
          objectivePercent: k ? 99 : 99.5,
        })),
      });
    }
    if ((m = p.match(/^\/api\/slo\/slos\/([^/]+)$/))) {
      count('slo');
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      return json(res, 200, {
        sloId: decodeURIComponent(m[1]),
        history: {
          from,
          to,
          summary: {
            evaluations: 8064,
            evaluationsWithData: 8064,
            evaluationsOverBudget: 0,
            met: true,
          },
          evaluations: [{ evaluatedAt: from }],
        },
      });
    }
    if (p === '/api/incidents/incidents') {
      count('incidents');
      const plan = byRef(url.searchParams.get('entityRef'));
      const items =
        plan && url.searchParams.get('status') !== 'open'
          ? incidentsOf(plan, now)
          : [];
      return json(res, 200, { items, totalCount: items.length });
    }
    if (p === '/api/incidents/postmortems') {
      count('incidents');
      const plan = byRef(url.searchParams.get('entityRef'));
      const items = plan
        ? incidentsOf(plan, now).map(i => ({
            id: `pm-${i.id}`,
            incidentId: i.id,
            state: 'published',
          }))
        : [];
      return json(res, 200, { items, totalCount: items.length });
    }
    if ((m = p.match(/^\/api\/incidents\/postmortems\/pm-(.+)$/))) {
      count('incidents');
      return json(res, 200, {
        postmortem: {
          id: `pm-${m[1]}`,
          incidentId: m[1],
          actionItems: [
            {
              id: `ai-${m[1]}`,
              title: 'Alert on saturation',
              owner: 'group:default/bench-team-0',
              dueDate: '2026-11-01',
              status: 'done',
            },
          ],
        },
      });
    }
    if (p === '/api/oncall/on-call') {
      count('oncall');
      const plan = byRef(url.searchParams.get('entityRef'));
      if (!plan)
        return json(res, 404, { error: { message: 'unknown entity' } });
      const team = plan.team.slice(plan.team.lastIndexOf('/') + 1);
      return json(res, 200, {
        ownerRef: plan.team,
        schedules: [
          { scheduleId: `${team}-primary`, scheduleName: `${team} primary` },
        ],
        policy: { id: `${team}-policy`, name: `${team} escalation` },
      });
    }
    if ((m = p.match(/^\/api\/oncall\/schedules\/([^/]+)\/timeline$/))) {
      count('oncall');
      return json(res, 200, { scheduleId: decodeURIComponent(m[1]), gaps: [] });
    }
    if (p === '/api/deployments/deployments') {
      count('deployments');
      return json(res, 200, { items: [], totalCount: 0 });
    }
    if (p.startsWith('/api/techdocs/static/docs/')) {
      count('techdocs');
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html><body><h1>Runbook</h1></body></html>');
    }
    count('unknown');
    return json(res, 404, { error: { message: `no route ${p}` } });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://sources');
    if (delayMs > 0) setTimeout(() => route(url, res), delayMs);
    else route(url, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    counts: () => ({ ...counts }),
    resetCounts: () => {
      counts = {};
    },
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
