import type { DeploymentOutcome, DeploymentKind } from './records';
import {
  describeDeployTiming,
  deployTakenAt,
  formatApproximateDuration,
  formatVersion,
  type TimedDeployment,
} from './timing';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ALERT_AT = '2026-03-10T12:00:00.000Z';
const alertMs = Date.parse(ALERT_AT);

function deploy(
  overrides: Partial<TimedDeployment> & { takenMsBeforeAlert?: number } = {},
): TimedDeployment {
  const { takenMsBeforeAlert = 12 * MINUTE, ...rest } = overrides;
  const taken = new Date(alertMs - takenMsBeforeAlert).toISOString();
  return {
    kind: 'deploy',
    outcome: 'succeeded',
    release: { version: '1.4.2', commit: 'abc1234' },
    startedAt: new Date(
      alertMs - takenMsBeforeAlert - 2 * MINUTE,
    ).toISOString(),
    trafficSwitchedAt: taken,
    ...rest,
  };
}

describe('formatApproximateDuration', () => {
  it.each([
    [0, 'less than a minute'],
    [59_999, 'less than a minute'],
    [MINUTE, '1 minute'],
    [12 * MINUTE + 30_000, '12 minutes'],
    [HOUR, '1 hour'],
    [2 * HOUR + 5 * MINUTE, '2 hours 5 minutes'],
    [DAY, '1 day'],
    [3 * DAY + 4 * HOUR + 59 * MINUTE, '3 days 4 hours'],
    [-12 * MINUTE, '12 minutes'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(formatApproximateDuration(ms)).toBe(text);
  });
});

describe('formatVersion', () => {
  it.each([
    ['1.4.2', 'v1.4.2'],
    ['0.1.0+3f2a1bc', 'v0.1.0+3f2a1bc'],
    ['v2.0.0', 'v2.0.0'],
    ['main-3f2a1bc', 'vmain-3f2a1bc'],
  ])('%s reads %s', (version, text) => {
    expect(formatVersion(version)).toBe(text);
  });
});

describe('deployTakenAt', () => {
  it('is when traffic switched, else when the deploy started', () => {
    const d = deploy();
    expect(deployTakenAt(d)).toBe(alertMs - 12 * MINUTE);
    expect(deployTakenAt({ ...d, trafficSwitchedAt: undefined })).toBe(
      alertMs - 14 * MINUTE,
    );
  });
});

describe('describeDeployTiming', () => {
  it.each<
    [
      string,
      {
        kind?: DeploymentKind;
        outcome?: DeploymentOutcome;
        before: number;
        switched?: boolean;
        event?: string;
      },
      string,
    ]
  >([
    [
      'a deploy before the alert',
      { before: 12 * MINUTE },
      'deployed v1.4.2 12 minutes before the alert',
    ],
    [
      'a deploy after the alert',
      { before: -3 * MINUTE },
      'deployed v1.4.2 3 minutes after the alert',
    ],
    [
      'a deploy at the same moment',
      { before: 0 },
      'deployed v1.4.2 less than a minute before the alert',
    ],
    [
      'a deploy seconds after',
      { before: -20_000 },
      'deployed v1.4.2 less than a minute after the alert',
    ],
    [
      'another event',
      { before: 2 * HOUR + 5 * MINUTE, event: 'the incident' },
      'deployed v1.4.2 2 hours 5 minutes before the incident',
    ],
    [
      'a rolled back deploy',
      { outcome: 'rolled_back', before: 30 * MINUTE },
      'deployed v1.4.2 (rolled back) 30 minutes before the alert',
    ],
    [
      'a deploy that failed before taking traffic (timed from its start)',
      { outcome: 'failed', switched: false, before: 5 * MINUTE },
      'deploy of v1.4.2 failed 7 minutes before the alert',
    ],
    [
      'a deploy that failed after taking traffic',
      { outcome: 'failed', before: 5 * MINUTE },
      'deployed v1.4.2 (failed) 5 minutes before the alert',
    ],
    [
      'a deploy still running',
      { outcome: 'in_progress', switched: false, before: MINUTE },
      'deploy of v1.4.2 started 3 minutes before the alert',
    ],
    [
      'a rollback',
      { kind: 'rollback', before: DAY + HOUR },
      'rolled back to v1.4.2 1 day 1 hour before the alert',
    ],
    [
      'a drill',
      { kind: 'drill', outcome: 'rolled_back', before: 45 * MINUTE },
      'rollback drill released v1.4.2 45 minutes before the alert',
    ],
  ])('%s', (_, c, text) => {
    const d = deploy({
      kind: c.kind ?? 'deploy',
      outcome: c.outcome ?? 'succeeded',
      takenMsBeforeAlert: c.before,
    });
    const record =
      c.switched === false ? { ...d, trafficSwitchedAt: undefined } : d;
    expect(
      describeDeployTiming(
        record,
        ALERT_AT,
        c.event ? { event: c.event } : undefined,
      ),
    ).toBe(text);
  });

  it('takes the moment as an ISO string, epoch milliseconds or a Date', () => {
    const d = deploy();
    const text = 'deployed v1.4.2 12 minutes before the alert';
    expect(describeDeployTiming(d, ALERT_AT)).toBe(text);
    expect(describeDeployTiming(d, alertMs)).toBe(text);
    expect(describeDeployTiming(d, new Date(alertMs))).toBe(text);
  });

  it('says only what happened when a time is unreadable', () => {
    expect(describeDeployTiming(deploy(), 'not a time')).toBe(
      'deployed v1.4.2',
    );
  });
});
