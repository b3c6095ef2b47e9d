import { TimelineEvent } from './model';
import {
  describeTimelineEvent,
  postmortemTimeline,
} from './postmortemTimeline';
import { T0, at, makeIncident } from './__testUtils__/fixtures';

const ALICE = 'user:default/alice';
const base = { at: T0, actor: ALICE };

describe('describeTimelineEvent', () => {
  it.each<[string, TimelineEvent, string | undefined]>([
    [
      'a status change, with who made it',
      {
        ...base,
        type: 'status_changed',
        from: 'investigating',
        to: 'resolved',
      },
      `Status investigating → resolved (${ALICE})`,
    ],
    [
      'a severity change, with who made it',
      { ...base, type: 'severity_changed', from: 'SEV3', to: 'SEV1' },
      `Severity SEV3 → SEV1 (${ALICE})`,
    ],
    [
      'a role assignment',
      {
        ...base,
        type: 'role_assigned',
        role: 'commander',
        assignee: 'user:default/bob',
      },
      'user:default/bob became commander',
    ],
    [
      'a role unassignment',
      {
        ...base,
        type: 'role_unassigned',
        role: 'scribe',
        previous: 'user:default/bob',
      },
      'user:default/bob stepped down as scribe',
    ],
    [
      'a note, with its author',
      { ...base, type: 'note', text: 'Rolled back' },
      `${ALICE}: Rolled back`,
    ],
    [
      'a firing alert by name',
      {
        ...base,
        type: 'alert_attached',
        fingerprint: 'a1',
        alertName: 'HighErrorRate',
        labels: {},
        startsAt: T0,
      },
      'Alert HighErrorRate firing',
    ],
    [
      'a firing alert without a name by fingerprint',
      {
        ...base,
        type: 'alert_attached',
        fingerprint: 'a1',
        labels: {},
        startsAt: T0,
      },
      'Alert a1 firing',
    ],
    [
      'a resolved alert by name',
      {
        ...base,
        type: 'alert_resolved',
        fingerprint: 'a1',
        alertName: 'HighErrorRate',
        endsAt: T0,
      },
      'Alert HighErrorRate resolved',
    ],
    [
      'a resolved alert without a name by fingerprint',
      { ...base, type: 'alert_resolved', fingerprint: 'a1', endsAt: T0 },
      'Alert a1 resolved',
    ],
    [
      'a link by title',
      {
        ...base,
        type: 'link',
        url: 'https://grafana.example.com/d/1',
        title: 'Dashboard',
      },
      'Link: Dashboard',
    ],
    [
      'a link without a title by URL',
      { ...base, type: 'link', url: 'https://grafana.example.com/d/1' },
      'Link: https://grafana.example.com/d/1',
    ],
    [
      'an acknowledgement',
      { ...base, type: 'acknowledged' },
      `Acknowledged by ${ALICE}`,
    ],
    [
      'a truncated notification',
      {
        ...base,
        type: 'alerts_truncated',
        truncatedAlerts: 3,
        receivedAlerts: 1,
      },
      'Alertmanager left out 3 alert(s) of a notification',
    ],
    [
      'no postmortem creation',
      { ...base, type: 'postmortem_created', postmortemId: 'pm-1' },
      undefined,
    ],
    [
      'no postmortem publication',
      { ...base, type: 'postmortem_published', postmortemId: 'pm-1' },
      undefined,
    ],
  ])('describes %s', (_what, event, expected) => {
    expect(describeTimelineEvent(event)).toBe(expected);
  });

  it('cuts a long note at 5000 characters', () => {
    const text = describeTimelineEvent({
      ...base,
      type: 'note',
      text: 'x'.repeat(10_000),
    });
    expect(text).toHaveLength(5000);
    expect(text!.startsWith(`${ALICE}: x`)).toBe(true);
  });
});

describe('postmortemTimeline', () => {
  const note: TimelineEvent = {
    at: at(5),
    actor: ALICE,
    type: 'note',
    text: 'Rolled back',
  };
  const created: TimelineEvent = {
    at: at(50),
    actor: ALICE,
    type: 'postmortem_created',
    postmortemId: 'pm-1',
  };

  it.each<
    [string, Parameters<typeof makeIncident>[0], TimelineEvent[], string[][]]
  >([
    [
      'only the declaration for an incident without events',
      {},
      [],
      [[T0, 'Incident declared (SEV2) by user:default/alice']],
    ],
    [
      'the detection first when it is known',
      { timestamps: { declaredAt: T0, detectedAt: at(-3) } },
      [],
      [
        [at(-3), 'Detected'],
        [T0, 'Incident declared (SEV2) by user:default/alice'],
      ],
    ],
    [
      'the events in their order, leaving out those it does not tell of',
      { severity: 'SEV1', createdBy: 'alertmanager' },
      [note, created],
      [
        [T0, 'Incident declared (SEV1) by alertmanager'],
        [at(5), `${ALICE}: Rolled back`],
      ],
    ],
  ])('has %s', (_what, overrides, events, expected) => {
    expect(
      postmortemTimeline(makeIncident(overrides), events).map(e => [
        e.at,
        e.text,
      ]),
    ).toEqual(expected);
  });
});
