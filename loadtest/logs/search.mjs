// Search latency over the generated lines, through the logs backend's own
// store (PostgresLogStore: the SQL the API runs), per query shape.
import { createRequire } from 'node:module';
import { percentiles } from '../lib/stats.mjs';
import { DAYS } from './generate.mjs';

const require = createRequire(import.meta.url);
const { PostgresLogStore, levelRank } = require('./store.cjs');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function searchLatency(knex, { lines, reps }) {
  const store = new PostgresLogStore(knex);
  const now = Date.now();
  const service = 'scoring-api';
  const base = { service, limit: 100 };
  const randomRequest = () => Math.floor(Math.random() * (lines / 3));
  // A window of `width` ending somewhere in the generated span.
  const window = width => {
    const to = now - Math.random() * (DAYS * DAY - width);
    return { from: to - width, to };
  };
  const shapes = [
    ['latest hour, no filter', () => ({ ...base, from: now - HOUR, to: now })],
    [
      'words "request completed", 1 h',
      () => ({ ...base, ...window(HOUR), text: 'request completed' }),
    ],
    [
      'rare word "timeout", 24 h',
      () => ({ ...base, ...window(DAY), text: 'timeout' }),
    ],
    [
      'phrase "feature store timeout", 7 d',
      () => ({
        ...base,
        from: now - DAYS * DAY,
        to: now,
        text: '"feature store timeout"',
      }),
    ],
    [
      'rare word + customer, 7 d',
      () => ({
        ...base,
        from: now - DAYS * DAY,
        to: now,
        text: `timeout cust-${Math.floor(Math.random() * 5000)}`,
      }),
    ],
    [
      'request id, 7 d',
      () => ({
        ...base,
        from: now - DAYS * DAY,
        to: now,
        requestId: `req-${randomRequest()}`,
      }),
    ],
    [
      'level >= warn, 24 h',
      () => ({ ...base, ...window(DAY), minLevelRank: levelRank('warn') }),
    ],
    [
      'level >= error, 7 d',
      () => ({
        ...base,
        from: now - DAYS * DAY,
        to: now,
        minLevelRank: levelRank('error'),
      }),
    ],
    [
      'level >= warn + words, 7 d',
      () => ({
        ...base,
        from: now - DAYS * DAY,
        to: now,
        minLevelRank: levelRank('warn'),
        text: 'slow',
      }),
    ],
  ];
  const results = [];
  for (const [name, make] of shapes) {
    const samples = [];
    let rows = 0;
    for (let i = 0; i < reps; i++) {
      const query = make();
      const t0 = performance.now();
      const page = await store.search(query);
      samples.push(performance.now() - t0);
      rows += page === 'bad-cursor' ? 0 : page.items.length;
    }
    results.push({
      query: name,
      ...percentiles(samples),
      avgRows: Math.round(rows / reps),
    });
  }
  // Paging: ten pages deep into the last 24 h with the cursor.
  const pageSamples = [];
  let cursor;
  for (let i = 0; i < Math.max(reps, 10); i++) {
    const t0 = performance.now();
    const page = await store.search({
      ...base,
      from: now - DAY,
      to: now,
      cursor,
    });
    pageSamples.push(performance.now() - t0);
    cursor = page.nextCursor;
  }
  results.push({
    query: 'next page by cursor, 24 h',
    ...percentiles(pageSamples),
    avgRows: 100,
  });
  // Live tail: a poll after a cursor (what the tab does every 2 s).
  const first = await store.tail({ service, limit: 100 });
  const tailSamples = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await store.tail({ service, limit: 100, after: first.cursor });
    tailSamples.push(performance.now() - t0);
  }
  results.push({
    query: 'live tail poll',
    ...percentiles(tailSamples),
    avgRows: 0,
  });
  return results;
}
