// SLO suite at scale: 5,000 SLOs over 1,000 catalog entities. Prints rule
// generation time, the backend's evaluation cycle time against a real
// Prometheus (with how busy the SLO rules keep it), the list API's latency
// percentiles at 50 connections beside Prometheus and alone, a bare Node
// http server's figures, the Backstage floor (loadtest/lib/backstage-floor.mjs)
// and the backend's peak RSS.
// Prometheus loads the recording rules generated for every spec, so cycles
// are timed once those have recorded every SLO (as in a deployment that
// loads Vigil's rules).
// Figures only: it never passes or fails. Needs prometheus on PATH and the
// ports below free; it starts and stops its own backend and Prometheus.
//   node loadtest/slo-benchmark.mjs [--entities 1000] [--slos-per-entity 5]
//                                   [--duration 20] [--connections 50]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend, waitForBackend } from './lib/backend.mjs';
import { measureBackstageFloor } from './lib/backstage-floor.mjs';
import { measureBareNodeCeiling } from './lib/ceiling.mjs';
import { failer } from './lib/cli.mjs';
import { runAutocannon } from './lib/load.mjs';
import {
  freshDir,
  processGroupCpuSeconds,
  processGroupPeakRssMb,
  root,
  sleep,
  startLogged,
  stopChild,
  stopChildrenOnExit,
  waitFor,
  workDir,
} from './lib/process.mjs';
import { printJson } from './lib/report.mjs';
import { percentiles } from './lib/stats.mjs';

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000' },
    'slos-per-entity': { type: 'string', default: '5' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
  },
});
const ENTITIES = Number(values.entities);
const PER_ENTITY = Number(values['slos-per-entity']);
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PORTS = {
  backend: 7027,
  prometheus: 9391,
  exporter: 9399,
  floor: 7028,
  floorMetrics: 9392,
};
const work = workDir('slo-benchmark');

stopChildrenOnExit();
const fail = failer('slo-benchmark');
const service = i => `svc-${String(i).padStart(4, '0')}`;

function specFor(i) {
  const slos = Array.from({ length: PER_ENTITY }, (_, j) => ({
    name: `slo-${j}`,
    objective: [99.9, 99.5, 99, 95, 90][j % 5],
    description: `Benchmark SLO ${j} of ${service(i)}`,
    sli: {
      events: {
        error_query: `sum(rate(bench_requests_total{service="${service(
          i,
        )}",route="r${j}",code="500"}[{{.window}}]))`,
        total_query: `sum(rate(bench_requests_total{service="${service(
          i,
        )}",route="r${j}"}[{{.window}}]))`,
      },
    },
    alerting: {
      name: `Bench${i}Slo${j}`,
      page_alert: { labels: { severity: 'page' } },
      ticket_alert: { labels: { severity: 'ticket' } },
    },
  }));
  return { version: 'prometheus/v1', service: service(i), slos };
}

function writeInputs() {
  freshDir(work, 'sqlite');
  const specs = [];
  const entities = [];
  for (let i = 1; i <= ENTITIES; i++) {
    const spec = JSON.stringify(specFor(i));
    specs.push(spec);
    entities.push(
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: service(i),
          annotations: { 'vigil.dev/slo-spec-inline': spec },
        },
        spec: {
          type: 'service',
          lifecycle: i % 3 ? 'production' : 'experimental',
          owner: `group:team-${i % 20}`,
          system: `system-${i % 50}`,
        },
      }),
    );
  }
  // JSON is YAML: one document per entity / spec.
  fs.writeFileSync(path.join(work, 'specs.yaml'), specs.join('\n---\n'));
  fs.writeFileSync(path.join(work, 'catalog.yaml'), entities.join('\n---\n'));
  fs.writeFileSync(
    path.join(work, 'app-config.benchmark.yaml'),
    JSON.stringify({
      backend: {
        baseUrl: `http://localhost:${PORTS.backend}`,
        listen: { port: PORTS.backend },
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(work, 'sqlite') },
        },
      },
      catalog: {
        rules: [{ allow: ['Component'] }],
        locations: [{ type: 'file', target: path.join(work, 'catalog.yaml') }],
      },
      vigil: {
        prometheus: { url: `http://127.0.0.1:${PORTS.prometheus}` },
        slo: {
          specRefresh: { frequency: { seconds: 20 } },
          evaluation: { frequency: { seconds: 30 } },
        },
      },
    }),
  );
  fs.writeFileSync(
    path.join(work, 'prometheus.yml'),
    JSON.stringify({
      // Prometheus's default rule interval: Sloth's rules set none.
      global: { scrape_interval: '5s', evaluation_interval: '1m' },
      // Written by lib/slo-rule-generation.cjs.
      rule_files: [path.join(work, 'rules.yaml')],
      scrape_configs: [
        {
          job_name: 'bench',
          static_configs: [{ targets: [`127.0.0.1:${PORTS.exporter}`] }],
        },
      ],
    }),
  );
}

/** Counters for every service and route: about 0.1% errors. */
function startExporter() {
  const started = Date.now();
  const server = http.createServer((_req, res) => {
    const seconds = (Date.now() - started) / 1000;
    const lines = ['# TYPE bench_requests_total counter'];
    for (let i = 1; i <= ENTITIES; i++) {
      for (let j = 0; j < PER_ENTITY; j++) {
        const total = Math.floor(seconds * 10);
        const errors = Math.floor(total / 1000);
        const labels = `service="${service(i)}",route="r${j}"`;
        lines.push(
          `bench_requests_total{${labels},code="200"} ${total - errors}`,
        );
        lines.push(`bench_requests_total{${labels},code="500"} ${errors}`);
      }
    }
    res.setHeader('content-type', 'text/plain; version=0.0.4');
    res.end(`${lines.join('\n')}\n`);
  });
  return new Promise(resolve =>
    server.listen(PORTS.exporter, '127.0.0.1', () => resolve(server)),
  );
}

/**
 * How busy the benchmark's Prometheus is with the SLO rules: the cores its
 * process used over 10 s, and how long queries (the evaluator's too) waited
 * for one of its query slots (p99).
 */
async function prometheusLoad(prometheus) {
  const cpuBefore = processGroupCpuSeconds(prometheus.pid);
  await sleep(10_000);
  const cores = (processGroupCpuSeconds(prometheus.pid) - cpuBefore) / 10;
  const api = `http://127.0.0.1:${PORTS.prometheus}`;
  const { data } = await (await fetch(`${api}/api/v1/rules`)).json();
  const metrics = await (await fetch(`${api}/metrics`)).text();
  const queueP99 = metrics.match(
    /^prometheus_engine_query_duration_seconds\{slice="queue_time",quantile="0.99"\} (\S+)/m,
  );
  return {
    ruleGroups: data.groups.length,
    ruleIntervalSeconds: data.groups[0]?.interval,
    coresBusy: Number(cores.toFixed(2)),
    queryQueueP99Seconds: queueP99
      ? Number(Number(queueP99[1]).toFixed(2))
      : null,
  };
}

const backendLog = () =>
  // eslint-disable-next-line no-control-regex
  fs
    .readFileSync(path.join(work, 'backend.log'), 'utf8')
    .replace(/\x1b\[[0-9;]*m/g, '');

async function main() {
  if (spawnSync('sh', ['-c', 'command -v prometheus']).status !== 0) {
    fail('prometheus is not installed (apt-get install prometheus)');
  }
  writeInputs();
  const figures = { entities: ENTITIES, slos: ENTITIES * PER_ENTITY };

  const generation = spawnSync(
    'node',
    [
      path.join(root, 'loadtest/lib/slo-rule-generation.cjs'),
      path.join(work, 'specs.yaml'),
      path.join(work, 'rules.yaml'),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (generation.status !== 0)
    fail(`rule generation failed: ${generation.stderr}`);
  figures.ruleGeneration = JSON.parse(generation.stdout);

  await startExporter();
  const prometheus = startLogged(work, 'prometheus', 'prometheus', [
    `--config.file=${path.join(work, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(work, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${PORTS.prometheus}`,
  ]);
  const backend = startBackend(work, {
    configFile: path.join(work, 'app-config.benchmark.yaml'),
  });
  const base = `http://127.0.0.1:${PORTS.backend}`;
  const { headers } = await waitForBackend(base, {
    readyTimeoutMs: 180_000,
    fail,
    work,
  });

  // Specs of every entity read, then two evaluation cycles with data.
  const ingested = await waitFor(
    `${figures.slos} SLOs in the SLO API`,
    async () => {
      const res = await fetch(`${base}/api/slo/slos?limit=1`, { headers });
      const body = await res.json();
      return body.totalCount >= figures.slos ? body.totalCount : undefined;
    },
    600_000,
    { fail, work },
  );
  figures.slosListed = ingested;
  // Cycles are counted once the rules have recorded every SLO's period
  // ratio (it is computed from the 5m one, after the other windows).
  await waitFor(
    'recordings of every SLO',
    async () => {
      const res = await fetch(
        `http://127.0.0.1:${
          PORTS.prometheus
        }/api/v1/query?query=${encodeURIComponent(
          'count(slo:sli_error:ratio_rate30d)',
        )}`,
      );
      const [sample] = (await res.json()).data?.result ?? [];
      return Number(sample?.value[1]) >= figures.slos || undefined;
    },
    600_000,
    { fail, work },
  );
  const logOffset = backendLog().length;
  const cycles = await waitFor(
    'two evaluation cycles',
    async () => {
      const runs = [
        ...backendLog()
          .slice(logOffset)
          .matchAll(
            /Evaluated (\d+) SLOs with (\d+) Prometheus queries in (\d+) ms(?: \(SLO windows: (\d+) from recording rules, (\d+) raw\))?/g,
          ),
      ].filter(m => Number(m[1]) >= figures.slos);
      return runs.length >= 2 ? runs : undefined;
    },
    600_000,
    { fail, work },
  );
  figures.evaluationCycle = cycles.map(m => ({
    slos: Number(m[1]),
    queries: Number(m[2]),
    ms: Number(m[3]),
    ...(m[4] !== undefined && {
      recordedWindows: Number(m[4]),
      rawWindows: Number(m[5]),
    }),
  }));

  figures.prometheus = await prometheusLoad(prometheus);

  const measureList = async () => {
    const { result, latencies } = await runAutocannon({
      url: `${base}/api/slo/slos?limit=50`,
      headers,
      connections: CONNECTIONS,
      duration: DURATION,
    });
    const { p50, p95, p99 } = percentiles(latencies);
    return {
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      requests: result.requests.total,
      throughputRps: Math.round(result.requests.average),
      latencyMs: { p50, p95, p99 },
      non2xx: result.non2xx,
    };
  };
  // Twice: beside Prometheus evaluating every SLO's rules on the same two
  // cores, then with Prometheus stopped (where it runs on its own machine).
  figures.listApi = await measureList();
  await stopChild(prometheus);
  figures.listApiWithoutPrometheus = await measureList();
  // The machine's ceiling at the same settings, then the backend's peak.
  figures.bareNodeCeiling = await measureBareNodeCeiling({
    connections: CONNECTIONS,
    duration: DURATION,
  });
  figures.backendPeakRssMb = processGroupPeakRssMb(backend.pid);
  // What a route that does no work costs through Backstage, with the backend
  // under test stopped so the two do not share a core.
  await stopChild(backend);
  figures.backstageFloor = await measureBackstageFloor({
    connections: CONNECTIONS,
    duration: DURATION,
    port: PORTS.floor,
    metricsPort: PORTS.floorMetrics,
    work: freshDir(path.join(work, 'floor')),
    fail,
  });
  printJson(figures);
}

main().then(
  () => process.exit(0),
  error => fail(error.message),
);
