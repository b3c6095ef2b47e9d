// The machine's ceiling for comparison: a bare Node `http` server (its own
// process, one core like the backend) answering a small JSON body, measured
// with the same autocannon settings as the API it is compared with.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runAutocannon } from './load.mjs';
import { percentiles } from './stats.mjs';

const SERVER = `
const http = require('node:http');
const body = JSON.stringify({ items: [], totalCount: 0 });
const server = http.createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** Req/s and latency percentiles of the bare server at `connections` for `duration` s. */
export async function measureBareNodeCeiling({ connections, duration }) {
  const child = spawn(process.execPath, ['-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = await once(child.stdout, 'data');
    const port = Number(String(chunk).trim());
    const { result, latencies } = await runAutocannon({
      url: `http://127.0.0.1:${port}/`,
      connections,
      duration,
    });
    const { p50, p95, p99 } = percentiles(latencies);
    return {
      connections,
      durationSeconds: duration,
      rps: Math.round(result.requests.average),
      latencyMs: { p50, p95, p99 },
    };
  } finally {
    child.kill();
  }
}
