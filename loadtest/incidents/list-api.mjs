// Part 2, list API at scale: each list query (first page, status=open,
// severity=SEV1, a text search, an entity, a deep page) under autocannon for
// `--duration` seconds at `--connections`, over the seeded incidents.
import { performance } from 'node:perf_hooks';
import { getJson } from '../lib/http.mjs';
import { runAutocannon } from '../lib/load.mjs';
import { log } from '../lib/report.mjs';
import { cpuFigures, percentiles } from '../lib/stats.mjs';
import { backendCpuSeconds } from './backend.mjs';
import { LIST_ENTITY, LIST_WORD } from './seed-data.mjs';

async function measureList(cfg, headers, totalIncidents) {
  const deep =
    totalIncidents > 50_000 ? 50_000 : Math.floor(totalIncidents / 2);
  const queries = [
    ['first page', 'limit=25'],
    ['status=open', 'status=open&limit=25'],
    ['severity=SEV1', 'severity=SEV1&limit=25'],
    [`q=${LIST_WORD}`, `q=${LIST_WORD}&limit=25`],
    [
      `entityRef=${LIST_ENTITY}`,
      `entityRef=${encodeURIComponent(LIST_ENTITY)}&limit=25`,
    ],
    [`offset=${deep}`, `limit=25&offset=${deep}`],
  ];
  const results = [];
  for (const [name, query] of queries) {
    const url = `${cfg.base}/api/incidents/incidents?${query}`;
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
      matching: probe.totalCount,
      items: probe.items.length,
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
  const { totalCount } = await getJson(
    `${cfg.base}/api/incidents/incidents?limit=1`,
    headers,
  );
  return {
    incidentsInDatabase: totalCount,
    connections: cfg.connections,
    durationSeconds: cfg.duration,
    queries: await measureList(cfg, headers, totalCount),
  };
}
