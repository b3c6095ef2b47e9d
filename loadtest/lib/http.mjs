// HTTP clients of the benchmarks: a keep-alive poster and a retrying JSON getter.
import http from 'node:http';
import { sleep } from './process.mjs';

/**
 * Keep-alive connections, as Alertmanager's Go client keeps them. (The global
 * fetch's pool left bursts of requests queued client-side for seconds, which
 * latency figures then charged to the server.)
 */
export const keepAliveAgent = (maxSockets = 256) =>
  new http.Agent({ keepAlive: true, maxSockets });

/** POSTs `body` (a string) through `agent` and reads the whole answer: {status, text}. */
export function postText(url, body, { agent, headers }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      res => {
        const chunks = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GETs JSON; 5xx retried `retries` times with backoff, anything else not ok throws. */
export async function getJson(url, headers, { retries = 5 } = {}) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { headers });
    if (res.ok) return res.json();
    if (res.status < 500 || attempt >= retries) {
      throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
    }
    await sleep(200 * 2 ** attempt);
  }
}
