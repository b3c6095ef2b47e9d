import { planAlertmanagerNotification } from './alertmanager';
import { makeIncident } from './__testUtils__/fixtures';
import {
  alert,
  firing,
  known,
  options,
  parsed,
  payload,
} from './__testUtils__/alertmanagerFixtures';

describe('planAlertmanagerNotification', () => {
  it.each([
    ['a more severe alert attaches', 'SEV3', 'page', 'SEV2'],
    ['an equally severe alert attaches', 'SEV2', 'page', undefined],
    ['a less severe alert attaches', 'SEV2', 'ticket', undefined],
    ['an alert without a severity label', 'SEV4', undefined, undefined],
  ] as const)('severity when %s', (_what, current, label, expected) => {
    const base = alert('b', 'firing', 5);
    const labels: Record<string, string> = { ...base.labels };
    delete labels.severity;
    if (label) labels.sloth_severity = label;
    const plan = planAlertmanagerNotification(
      makeIncident({ severity: current }),
      known([['a', firing(0)]]),
      parsed(payload([{ ...base, labels }], { commonLabels: {} })),
      options,
    );
    expect(plan.action).toBe('update');
    expect(plan.severityChange).toBe(expected);
  });

  it('maps sloth and sev labels to severities, most severe wins', () => {
    const body = payload(
      [
        {
          ...alert('a', 'firing', 0),
          labels: { service: 'checkout', sloth_severity: 'ticket' },
        },
        {
          ...alert('b', 'firing', 0),
          labels: { service: 'checkout', severity: 'SEV1' },
        },
      ],
      { commonLabels: {} },
    );
    expect(
      planAlertmanagerNotification(undefined, new Map(), parsed(body), options)
        .declare?.severity,
    ).toBe('SEV1');
  });
});
