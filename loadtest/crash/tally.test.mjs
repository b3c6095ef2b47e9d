import assert from 'node:assert/strict';
import test from 'node:test';
import { tally } from './tally.mjs';

const group = (name, { alerts, events, actions }) => ({
  expected: {
    name,
    alerts: new Map(alerts.map(fp => [fp, {}])),
    events: new Map(events),
  },
  actions,
});

const counts = (overrides = {}) => ({
  lost: 0,
  duplicated: 0,
  eventsMissing: 0,
  eventsUnexpected: 0,
  alertMismatches: 0,
  statusMismatches: 0,
  severityMismatches: 0,
  actionMismatches: 0,
  foreign: 0,
  ...overrides,
});

const groups = [
  group('Bench00000', {
    alerts: ['a', 'b'],
    events: [
      ['alert_attached a 1', 1],
      ['alert_attached b 2', 1],
      ['status_changed investigating resolved', 1],
    ],
    actions: [
      { expected: 'opened', got: ['opened'] },
      // Processed before the kill; the retry found it done.
      { expected: 'updated', got: ['unchanged'] },
    ],
  }),
  group('Bench00001', {
    alerts: ['c'],
    events: [['alert_attached c 3', 1]],
    actions: [{ expected: 'opened', got: ['opened'] }],
  }),
];

const details = new Map([
  [
    'i1',
    {
      alerts: [{}, {}],
      timeline: [
        { type: 'alert_attached' },
        { type: 'alert_attached' },
        { type: 'status_changed' },
      ],
    },
  ],
  ['i2', { alerts: [{}], timeline: [{ type: 'alert_attached' }] }],
]);

test('a clean run: every group one incident, every alert once, a retried answer is no problem', () => {
  const { figures, problems } = tally(groups, {
    counts: counts({ actionMismatches: 1 }),
    details,
    problems: [
      'Bench00000: notification 1 (update) answered unchanged, expected updated',
    ],
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(figures.incidentsPerGroup, {
    exactlyOne: 2,
    none: 0,
    moreThanOne: 0,
  });
  assert.deepEqual(figures.alerts, { expected: 3, found: 3 });
  assert.deepEqual(figures.alertArrivals, { expected: 3, found: 3 });
  assert.equal(figures.lost, 0);
  assert.equal(figures.doubled, 0);
  assert.deepEqual(figures.webhookAnswers, {
    asExpected: 2,
    unchangedAfterRetry: 1,
    other: 0,
  });
});

test('lost and doubled count groups and events; other answers stay problems', () => {
  const { figures, problems } = tally(groups, {
    counts: counts({
      lost: 1,
      duplicated: 0,
      eventsMissing: 2,
      eventsUnexpected: 1,
    }),
    details: new Map([details.entries().next().value]),
    problems: [
      'Bench00001: no incident (lost)',
      'Bench00000: 1 unexpected event(s) "alert_attached a 1" (2 instead of 1)',
      'Bench00000: notification 0 (open) answered updated, expected opened',
    ],
  });
  assert.equal(figures.lost, 3);
  assert.equal(figures.doubled, 1);
  assert.equal(figures.incidentsPerGroup.none, 1);
  assert.equal(problems.length, 3);
});
