/* eslint jest/no-standalone-expect: ["error", { "additionalTestBlockFunctions": ["itOnPostgres", "itOnPostgres.each"] }] -- itOnPostgres is it, or it.skip without the test command's PostgreSQL */
import { levelRank } from '@vigil/backstage-plugin-logs-common';
import {
  insertLines,
  migratedStore,
  MINUTE,
  onPostgres,
  postgresDatabases,
} from '../../../__testUtils__/database';

const databases = postgresDatabases();
const itOnPostgres = onPostgres(databases);

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * MINUTE);
const window = { from: now - 60 * MINUTE, to: now + MINUTE };

async function seeded() {
  const setup = await migratedStore(databases);
  await insertLines(setup.knex, [
    { ts: at(50), message: 'request completed', request_id: 'req-1' },
    {
      ts: at(40),
      level: 'warn',
      message: 'slow request',
      request_id: 'req-2',
      trace_id: 'trace-2',
      fields: { durationMs: 812 },
    },
    {
      ts: at(30),
      level: 'error',
      message: 'feature store timeout',
      request_id: 'req-3',
    },
    { ts: at(20), level: 'debug', message: 'cache hit for features' },
    {
      ts: at(10),
      service: 'vigil',
      message: 'slow request in another service',
    },
    { ts: at(90), message: 'slow request before the window' },
  ]);
  return setup;
}

const messagesOf = (result: unknown) =>
  (result as { items: Array<{ message: string }> }).items.map(l => l.message);

describe('searchLines', () => {
  itOnPostgres.each([
    [
      {},
      [
        'cache hit for features',
        'feature store timeout',
        'slow request',
        'request completed',
      ],
    ],
    [{ text: 'slow request' }, ['slow request']],
    [{ text: '"store timeout"' }, ['feature store timeout']],
    [{ text: 'request -slow' }, ['request completed']],
    [
      { minLevelRank: levelRank('warn') },
      ['feature store timeout', 'slow request'],
    ],
    [{ minLevelRank: levelRank('error') }, ['feature store timeout']],
    [{ requestId: 'req-2' }, ['slow request']],
    [{ traceId: 'trace-2' }, ['slow request']],
    [{ text: 'nothing-like-this' }, []],
  ])('filters %j', async (filters, expected) => {
    const { store } = await seeded();
    const result = await store.search({
      service: 'scoring-api',
      ...window,
      limit: 100,
      ...filters,
    });
    expect(messagesOf(result)).toEqual(expected);
  });

  itOnPostgres('answers the columns and the whole JSON line', async () => {
    const { store } = await seeded();
    const result = await store.search({
      service: 'scoring-api',
      ...window,
      requestId: 'req-2',
      limit: 10,
    });
    expect(result).toEqual({
      items: [
        {
          id: expect.stringMatching(/^\d+$/),
          ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
          service: 'scoring-api',
          host: 'test-host',
          level: 'warn',
          message: 'slow request',
          requestId: 'req-2',
          traceId: 'trace-2',
          fields: { durationMs: 812 },
        },
      ],
    });
  });

  itOnPostgres(
    'pages with a cursor, newest first, through lines of the same instant',
    async () => {
      const { knex, store } = await migratedStore(databases);
      const same = at(5);
      await insertLines(
        knex,
        Array.from({ length: 12 }, (_, i) => ({
          ts: same,
          message: `line ${i}`,
        })),
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 6; page++) {
        const result = await store.search({
          service: 'scoring-api',
          ...window,
          limit: 3,
          cursor,
        });
        if (result === 'bad-cursor') throw new Error('bad cursor');
        seen.push(...messagesOf(result));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      // Ties on ts go by id, numerically (ids 9 and 10: not as text).
      expect(seen).toEqual(
        Array.from({ length: 12 }, (_, i) => `line ${11 - i}`),
      );
    },
  );

  itOnPostgres('refuses a cursor it did not make', async () => {
    const { store } = await migratedStore(databases);
    expect(
      await store.search({
        service: 'scoring-api',
        ...window,
        limit: 3,
        cursor: 'bm90LWpzb24',
      }),
    ).toBe('bad-cursor');
  });
});

describe('tailLines', () => {
  itOnPostgres(
    'answers the latest lines, then only those inserted since',
    async () => {
      const { knex, store } = await seeded();
      const first = await store.tail({ service: 'scoring-api', limit: 100 });
      if (first === 'bad-cursor') throw new Error('bad cursor');
      // Only lines of the last five minutes: none of the seeds.
      expect(first.items).toEqual([]);

      await insertLines(knex, [
        { ts: at(0), message: 'new line one' },
        { ts: at(0), level: 'error', message: 'new line two' },
        { ts: at(0), service: 'vigil', message: 'not this service' },
      ]);
      const second = await store.tail({
        service: 'scoring-api',
        after: first.cursor,
        limit: 100,
      });
      if (second === 'bad-cursor') throw new Error('bad cursor');
      expect(messagesOf(second)).toEqual(['new line one', 'new line two']);

      // A line shipped late (its ts a minute ago) still shows; filters apply.
      await insertLines(knex, [
        { ts: at(1), level: 'error', message: 'late error' },
      ]);
      const third = await store.tail({
        service: 'scoring-api',
        after: second.cursor,
        minLevelRank: 50,
        limit: 100,
      });
      if (third === 'bad-cursor') throw new Error('bad cursor');
      expect(messagesOf(third)).toEqual(['late error']);

      const quiet = await store.tail({
        service: 'scoring-api',
        after: third.cursor,
        limit: 100,
      });
      expect(messagesOf(quiet)).toEqual([]);
    },
  );

  itOnPostgres('continues a full page from its last line', async () => {
    const { knex, store } = await migratedStore(databases);
    const first = await store.tail({ service: 'scoring-api', limit: 2 });
    if (first === 'bad-cursor') throw new Error('bad cursor');
    await insertLines(
      knex,
      ['a', 'b', 'c'].map(message => ({ ts: at(0), message })),
    );
    const pageOne = await store.tail({
      service: 'scoring-api',
      after: first.cursor,
      limit: 2,
    });
    if (pageOne === 'bad-cursor') throw new Error('bad cursor');
    const pageTwo = await store.tail({
      service: 'scoring-api',
      after: pageOne.cursor,
      limit: 2,
    });
    expect([...messagesOf(pageOne), ...messagesOf(pageTwo)]).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  itOnPostgres('refuses a cursor it did not make', async () => {
    const { store } = await migratedStore(databases);
    expect(await store.tail({ service: 'x', after: 'e30', limit: 1 })).toBe(
      'bad-cursor',
    );
  });
});
