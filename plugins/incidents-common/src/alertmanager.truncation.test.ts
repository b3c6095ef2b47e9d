import { planAlertmanagerNotification } from './alertmanager';
import { timelineEventSchema } from './model';
import { at, makeIncident } from './__testUtils__/fixtures';
import {
  alert,
  firing,
  known,
  options,
  parsed,
  payload,
} from './__testUtils__/alertmanagerFixtures';

describe('planAlertmanagerNotification', () => {
  it('warns about truncated alerts and still plans the ones seen', () => {
    const plan = planAlertmanagerNotification(
      makeIncident(),
      new Map(),
      parsed(payload([alert('a', 'firing', 0)], { truncatedAlerts: 3 })),
      options,
    );
    expect(plan.warnings[0]).toContain('3 alert(s) were truncated');
    expect(plan.events.map(e => e.type)).toEqual([
      'alert_attached',
      'alerts_truncated',
    ]);
    expect(plan.events[1]).toEqual({
      type: 'alerts_truncated',
      at: at(100),
      actor: 'alertmanager',
      truncatedAlerts: 3,
      receivedAlerts: 1,
    });
    expect(plan.truncatedAlerts).toBe(3);
  });

  it.each([
    [
      'first truncation, on an open incident',
      'incident',
      0,
      3,
      ['alerts_truncated'],
    ],
    ['same count re-sent', 'incident', 3, 3, []],
    ['count changed', 'incident', 3, 5, ['alerts_truncated']],
    ['no longer truncated', 'incident', 3, 0, []],
    [
      'opening an incident',
      'none',
      0,
      2,
      ['alert_attached', 'alerts_truncated'],
    ],
  ] as const)(
    'records truncation on the timeline: %s',
    (_what, existing, last, truncatedAlerts, types) => {
      const plan = planAlertmanagerNotification(
        existing === 'incident' ? makeIncident() : undefined,
        known([['a', firing(0)]]),
        parsed(payload([alert('a', 'firing', 0)], { truncatedAlerts })),
        { ...options, lastTruncatedAlerts: last },
      );
      expect(plan.events.map(e => e.type)).toEqual(types);
      expect(plan.truncatedAlerts).toBe(truncatedAlerts);
      plan.events.forEach(e =>
        expect(timelineEventSchema.safeParse(e).success).toBe(true),
      );
    },
  );
});
