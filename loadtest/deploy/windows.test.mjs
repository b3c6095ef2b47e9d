// The deploy benchmark's windows: node --test loadtest/deploy/windows.test.mjs
import assert from 'node:assert/strict';
import test from 'node:test';
import { around, windowFigures, windowRow } from './windows.mjs';

const outcomes = [
  { at: 999, ok: true, status: 200, latencyMs: 100 },
  { at: 1000, ok: true, status: 200, latencyMs: 1 },
  { at: 1500, ok: true, status: 200, latencyMs: 2 },
  { at: 1600, ok: false, status: 503, latencyMs: 3 },
  { at: 1700, ok: false, status: 0, latencyMs: 0 },
  { at: 1999, ok: true, status: 200, latencyMs: 4 },
  { at: 2000, ok: false, status: 500, latencyMs: 50 },
];

test('around widens a step by the margin on both sides', () => {
  assert.deepEqual(
    around('switch', { startedAt: 5000, finishedAt: 6000 }, 2000),
    {
      name: 'switch',
      from: 3000,
      to: 8000,
    },
  );
});

test('windowFigures counts the outcomes in [from, to)', () => {
  const figures = windowFigures(outcomes, { name: 'w', from: 1000, to: 2000 });
  assert.deepEqual(figures, {
    window: 'w',
    seconds: 1,
    requests: 5,
    failed: 2,
    failedByStatus: { 0: 1, 503: 1 },
    // the connection error has no latency; the 503 has one
    latencyMs: { p50: 2, p95: 4, p99: 4, max: 4 },
  });
});

test('an empty window has zeros', () => {
  const figures = windowFigures(outcomes, { name: 'empty', from: 0, to: 10 });
  assert.equal(figures.requests, 0);
  assert.equal(figures.failed, 0);
  assert.deepEqual(figures.latencyMs, { p50: 0, p95: 0, p99: 0, max: 0 });
});

test('windowRow flattens the figures for the table', () => {
  const row = windowRow(
    windowFigures(outcomes, { name: 'all', from: 0, to: 3000 }),
  );
  assert.deepEqual(row, {
    window: 'all',
    seconds: 3,
    requests: 7,
    failed: 3,
    p50: 3,
    p95: 100,
    p99: 100,
    max: 100,
  });
});
