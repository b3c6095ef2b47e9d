// Part 2, list API at scale: each list query (first page, status=open,
// severity=SEV1, a text search, an entity, a deep page by offset and the same
// page by cursor) under autocannon for `--duration` seconds at
// `--connections`, over the seeded incidents.
import { performance } from 'node:perf_hooks';
import { getJson } from '../lib/http.mjs';
import { runAutocannon } from '../lib/load.mjs';
import { log } from '../lib/report.mjs';
import { cpuFigures, percentiles } from '../lib/stats.mjs';
import { backendCpuSeconds } from './backend.mjs';
import { incidentsDatabase, runPluginScript } from './seed-database.mjs';
import { LIST_ABSENT_WORD, LIST_ENTITY, LIST_WORD } from './seed-data.mjs';

async function measureList(cfg, headers, totalIncidents) {
  const deep =
    totalIncidents > 50_000 ? 50_000 : Math.floor(totalIncidents / 2);
  const queries = [
    ['first page', 'limit=25'],
    ['status=open', 'status=open&limit=25'],
    ['severity=SEV1', 'severity=SEV1&limit=25'],
    [`q=${LIST_WORD}`, `q=${LIST_WORD}&limit=25`],
    [`q=${LIST_ABSENT_WORD}`, `q=${LIST_ABSENT_WORD}&limit=25`],
    [
      `entityRef=${LIST_ENTITY}`,
      `entityRef=${encodeURIComponent(LIST_ENTITY)}&limit=25`,
    ],
    [`offset=${deep}`, `limit=25&offset=${deep}`],
  ];
  // The same deep page by cursor: the next cursor of the page before it.
  if (deep >= 25) {
    const before = await getJson(
      `${cfg.base}/api/incidents/incidents?limit=25&offset=${deep - 25}`,
      headers,
    );
    if (before.nextCursor) {
      queries.push([
        `cursor at ${deep}`,
        `limit=25&cursor=${encodeURIComponent(before.nextCursor)}`,
      ]);
    }
  }
  // The incidents API's floor in this portal: its UI config, a route that
  // reads nothing (the caller's token checked, the plugin's spec applied),
  // in the real backend with its other plugins beside it.
  queries.push(['UI config (no work)', null, 'config']);
  // One incident's page: the detail of the newest seeded incident.
  const newest = await getJson(
    `${cfg.base}/api/incidents/incidents?limit=1`,
    headers,
  );
  if (newest.items[0]) {
    queries.push(['incident detail', null, `incidents/${newest.items[0].id}`]);
  }
  const chosen = queries.filter(
    ([name]) =>
      cfg.queryNames.length === 0 ||
      cfg.queryNames.some(part => name.includes(part)),
  );
  const results = [];
  for (const [name, query, resource] of chosen) {
    const url = `${cfg.base}/api/incidents/${resource ?? `incidents?${query}`}`;
    const probe = await getJson(url, headers);
    const cpuBefore = backendCpuSeconds();
    const started = performance.now();
    const { result, latencies } = await runAutocannon({
      url,
      headers,
      connections: cfg.connections,
      duration: cfg.duration,
    });
    const row = {
      query: name,
      ...(probe.incident && { incidentId: probe.incident.id }),
      // The API counts up to 10,000 matches (`totalCountCapped` beyond).
      matching: probe.totalCountCapped
        ? `${probe.totalCount}+`
        : probe.totalCount ?? 1,
      items: probe.items?.length ?? 1,
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      ...percentiles(latencies),
      non2xx: result.non2xx,
      errors: result.errors,
      ...cpuFigures(
        cpuBefore,
        backendCpuSeconds(),
        performance.now() - started,
        result.requests.total,
      ),
    };
    log(`list ${name}: p95 ${row.p95} ms, ${row.rps} req/s`);
    results.push(row);
  }
  return results;
}

/** Measures every list query; returns the figures of part 2. */
export async function measureListApi(cfg, headers) {
  log(
    `measuring the list API: ${cfg.duration} s per query at ${cfg.connections} connections`,
  );
  const { totalCount, totalCountCapped } = await getJson(
    `${cfg.base}/api/incidents/incidents?limit=1`,
    headers,
  );
  // Past the API's count cap, the seeded number (webhook incidents aside).
  const incidents = totalCountCapped
    ? Math.max(totalCount, cfg.incidents)
    : totalCount;
  const queries = await measureList(cfg, headers, incidents);
  const detail = queries.find(row => row.query === 'incident detail');
  return {
    incidentsInDatabase: incidents,
    connections: cfg.connections,
    durationSeconds: cfg.duration,
    queries,
    // The same page's read and serialization alone, the backend idle.
    ...(detail && {
      detailBelowHttp: await runPluginScript('page-read.cjs', {
        knex: incidentsDatabase(cfg),
        id: detail.incidentId,
        seconds: 5,
      }),
    }),
  };
}
