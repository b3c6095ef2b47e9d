// The pure helpers of loadtest/lib: percentiles and derived figures, random
// streams, the text table and the flag checks.
//   node --test loadtest/lib/
import assert from 'node:assert/strict';
import test from 'node:test';
import { nonNegativeProblem } from './cli.mjs';
import { pick, rngFrom, shuffle, uuidFrom, weighted } from './random.mjs';
import { table } from './report.mjs';
import {
  cpuFigures,
  percentile,
  percentiles,
  perSecond,
  seconds,
} from './stats.mjs';

test('percentile is nearest-rank over ascending samples', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(sorted, 50), 50);
  assert.equal(percentile(sorted, 95), 95);
  assert.equal(percentile(sorted, 99), 99);
  assert.equal(percentile(sorted, 100), 100);
  assert.equal(percentile([7], 50), 7);
  assert.equal(percentile([], 95), 0);
});

test('percentiles sorts numerically, rounds, and keeps the key order', () => {
  const samples = [10.26, 2, 100.04, 3, 1];
  assert.deepEqual(percentiles(samples), {
    p50: 3,
    p95: 100,
    p99: 100,
    max: 100,
  });
  assert.deepEqual(Object.keys(percentiles(samples)), [
    'p50',
    'p95',
    'p99',
    'max',
  ]);
  assert.deepEqual(percentiles([1.234, 5.678], 2), {
    p50: 1.23,
    p95: 5.68,
    p99: 5.68,
    max: 5.68,
  });
  assert.deepEqual(percentiles([]), { p50: 0, p95: 0, p99: 0, max: 0 });
  // not a string sort: 9 < 10
  assert.equal(percentiles([10, 9]).p50, 9);
});

test('seconds, perSecond and cpuFigures', () => {
  assert.equal(seconds(12_345), 12.3);
  assert.equal(perSecond(500, 2000), 250);
  assert.deepEqual(cpuFigures(undefined, 3, 1000, 10), {});
  assert.deepEqual(cpuFigures(1, 3, 4000, 0), {
    backendCpuSeconds: 2,
    backendCores: 0.5,
  });
  assert.deepEqual(cpuFigures(1, 3, 4000, 400), {
    backendCpuSeconds: 2,
    backendCores: 0.5,
    backendCpuMsPerRequest: 5,
  });
});

test('random streams follow from the seed', () => {
  const a = rngFrom(42);
  const b = rngFrom(42);
  const first = Array.from({ length: 5 }, a);
  assert.deepEqual(first, Array.from({ length: 5 }, b));
  assert.ok(first.every(x => x >= 0 && x < 1));
  assert.notDeepEqual(first, Array.from({ length: 5 }, rngFrom(43)));
  assert.match(
    uuidFrom(rngFrom(1)),
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.equal(uuidFrom(rngFrom(1)), uuidFrom(rngFrom(1)));
  assert.equal(weighted(rngFrom(1), [['only', 1]]), 'only');
  assert.equal(
    weighted(
      () => 0.99,
      [
        ['a', 1],
        ['b', 0],
      ],
    ),
    'a',
  );
  assert.equal(
    pick(() => 0.5, ['x', 'y', 'z']),
    'y',
  );
  const list = [1, 2, 3, 4, 5, 6];
  const shuffled = shuffle(rngFrom(7), [...list]);
  assert.deepEqual([...shuffled].sort(), list);
  assert.deepEqual(shuffle(rngFrom(7), [...list]), shuffled);
});

test('table aligns the first column left and the others right', () => {
  const text = table(
    [
      { query: 'first page', rps: 1200, p95: 3.5 },
      { query: 'q=latency', rps: 80 },
    ],
    [
      ['query', 'query'],
      ['rps', 'req/s'],
      ['p95', 'p95 ms'],
    ],
  );
  assert.equal(
    text,
    [
      'query       req/s  p95 ms',
      '----------  -----  ------',
      'first page   1200     3.5',
      'q=latency      80        ',
    ].join('\n'),
  );
});

test('nonNegativeProblem names the first bad flag', () => {
  assert.equal(nonNegativeProblem({ a: 1, b: 0 }), undefined);
  assert.equal(
    nonNegativeProblem({ a: 1, 'per-group': -1, c: -2 }),
    '--per-group must be a non-negative number',
  );
  assert.equal(
    nonNegativeProblem({ seed: NaN }, { integer: true }),
    '--seed must be a non-negative integer',
  );
  assert.equal(
    nonNegativeProblem({ rate: 1.5 }, { integer: true }),
    '--rate must be a non-negative integer',
  );
  assert.equal(nonNegativeProblem({ rate: 1.5 }), undefined);
});
