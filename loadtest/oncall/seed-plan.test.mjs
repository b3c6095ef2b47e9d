// The seed plan: deterministic from the seed and valid input for the API.
//   node --test loadtest/oncall/seed-plan.test.mjs
import assert from 'node:assert/strict';
import test from 'node:test';
import { rngFrom } from '../lib/random.mjs';
import {
  DAY,
  planOverride,
  planSchedule,
  planTemporarySchedule,
} from './seed-plan.mjs';

const NOW = Date.UTC(2026, 10, 30, 12);

const plan = seed => {
  const rng = rngFrom(seed);
  const schedules = Array.from({ length: 50 }, (_, index) =>
    planSchedule(rng, { index, groups: 5, layerCount: 10, now: NOW }),
  );
  const overrides = schedules.flatMap(s =>
    Array.from({ length: 20 }, () => planOverride(rng, s, NOW)),
  );
  const temporaries = schedules.map(s => planTemporarySchedule(rng, s, NOW));
  return { schedules, overrides, temporaries };
};

test('the same seed plans the same data, another seed other data', () => {
  assert.deepEqual(plan(7), plan(7));
  assert.notDeepEqual(plan(7), plan(8));
});

test('every layer starts on a date that exists, with 2 to 8 participants', () => {
  for (const schedule of plan(42).schedules) {
    for (const { layers } of schedule.versions) {
      for (const layer of layers) {
        const utc = new Date(`${layer.start}:00Z`);
        assert.equal(utc.toISOString().slice(0, 16), layer.start);
        assert.ok(layer.participants.length >= 2);
        assert.ok(layer.participants.length <= 8);
      }
    }
  }
});

test('an edit starts after creation and before now', () => {
  const edited = plan(42).schedules.filter(s => s.versions.length > 1);
  assert.ok(edited.length > 0);
  for (const [first, second] of edited.map(s => s.versions)) {
    assert.ok(first.effectiveFrom < second.effectiveFrom);
    assert.ok(second.effectiveFrom < NOW);
  }
});

test('overrides end after they start, within a year of now, created by then', () => {
  const { overrides } = plan(42);
  for (const o of overrides) {
    assert.ok(o.end > o.start);
    assert.ok(Math.abs(o.start - NOW) <= 365 * DAY);
    assert.ok(o.createdAt <= Math.min(NOW, o.start));
  }
  const actions = new Set(overrides.map(o => o.action));
  assert.deepEqual([...actions].sort(), ['add', 'remove', 'replace']);
});

test("a temporary schedule's shifts lie inside it", () => {
  for (const t of plan(42).temporaries) {
    for (const shift of t.shifts) {
      assert.ok(shift.start >= t.start && shift.end <= t.end);
      assert.ok(shift.end > shift.start);
    }
  }
});
