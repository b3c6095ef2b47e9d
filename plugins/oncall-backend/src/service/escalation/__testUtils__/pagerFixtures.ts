import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type {
  EscalationPolicy,
  EscalationStep,
  EscalationTarget,
} from '@vigil/backstage-plugin-oncall-common';
import type { OnCallStore } from '../../../database/OnCallStore';
import type { IncidentsApi } from '../IncidentsClient';
import { Pager, PagerOptions } from '../Pager';
import type { OnCallLookup, PagingDirectory } from '../TargetResolver';

/** Fixtures of the paging tests: a controlled clock and fakes at the edges. */
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const DAVE = 'user:default/dave';
export const PAYMENTS = 'group:default/payments';
export const SRE = 'group:default/sre';
export const SCORING = 'component:default/scoring-api';
export const PRIMARY = '6f1c1d56-4d0e-4a53-9a8a-3b0f8f3e0a01';
export const SECONDARY = '6f1c1d56-4d0e-4a53-9a8a-3b0f8f3e0a02';

export const MINUTE = 60_000;
export const T0 = Date.parse('2026-11-01T10:00:00Z');

export const user = (ref: string): EscalationTarget => ({ kind: 'user', ref });
export const schedule = (ref: string): EscalationTarget => ({
  kind: 'schedule',
  ref,
});
export const group = (ref: string): EscalationTarget => ({
  kind: 'group',
  ref,
});
export const step = (
  delayMinutes: number,
  ...targets: EscalationTarget[]
): EscalationStep => ({ delayMinutes, targets });

export function policy(
  steps: EscalationStep[],
  repeat: number = 1,
): EscalationPolicy {
  return {
    id: '0b6e3a1e-1111-4b8e-9a55-2f3f1c0d9e01',
    ownerRef: PAYMENTS,
    name: 'Payments',
    repeat,
    steps,
    version: 1,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
  };
}

/** Who is on call, per schedule; the tests change it as time goes by. */
export class FakeOnCall implements OnCallLookup {
  readonly onCall = new Map<string, string[]>();
  readonly calls: Array<{ scheduleIds: string[]; at: number }> = [];

  async usersOnCall(
    scheduleIds: string[],
    at: number,
  ): Promise<Map<string, string[]>> {
    this.calls.push({ scheduleIds, at });
    // A real lookup waits on the database; let the other instance interleave.
    await new Promise(resolve => setImmediate(resolve));
    return new Map(
      scheduleIds
        .filter(id => this.onCall.has(id))
        .map(id => [id, this.onCall.get(id)!]),
    );
  }
}

export class FakeDirectory implements PagingDirectory {
  policy: EscalationPolicy | undefined;
  readonly members = new Map<string, string[]>([
    [PAYMENTS, [CAROL, DAVE]],
    [SRE, [ALICE]],
  ]);

  constructor(initial?: EscalationPolicy) {
    this.policy = initial;
  }

  async ownerOf(): Promise<string | undefined> {
    return PAYMENTS;
  }

  async membersOf(groupRef: string): Promise<string[]> {
    return this.members.get(groupRef) ?? [];
  }

  async policyFor(): Promise<EscalationPolicy | undefined> {
    return this.policy;
  }
}

/** A clock the test moves by hand. */
export function testClock(start: number = T0) {
  let now = start;
  const clock = () => now;
  clock.set = (at: number) => {
    now = at;
  };
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

/** The notifications service, recording what was sent. */
export function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const send = jest.fn(async (options: NotificationSendOptions) => {
    sent.push(options);
  });
  return { send, sent };
}

/** Who each send reached, in order. */
export const recipientsOf = (sent: NotificationSendOptions[]) =>
  sent.map(({ recipients }) =>
    recipients.type === 'entity' ? [recipients.entityRef].flat() : [],
  );

export function fakeIncidents() {
  return {
    recordPaging: jest.fn<
      ReturnType<IncidentsApi['recordPaging']>,
      Parameters<IncidentsApi['recordPaging']>
    >(async () => {}),
    acknowledge: jest.fn<
      ReturnType<IncidentsApi['acknowledge']>,
      Parameters<IncidentsApi['acknowledge']>
    >(async () => {}),
  };
}

/** A Pager over a store, with fakes for everything else. */
export function pagerOn(
  store: OnCallStore,
  overrides: Partial<
    Omit<PagerOptions, 'clock' | 'notifications' | 'directory' | 'onCall'>
  > & {
    clock?: ReturnType<typeof testClock>;
    notifications?: ReturnType<typeof recordingNotifications>;
    directory?: FakeDirectory;
    onCall?: FakeOnCall;
  } = {},
) {
  const {
    clock: givenClock,
    notifications: givenNotifications,
    onCall: givenOnCall,
    directory: givenDirectory,
    ...options
  } = overrides;
  const clock = givenClock ?? testClock();
  const notifications = givenNotifications ?? recordingNotifications();
  const signals = { publish: jest.fn(async () => {}) };
  const onCall = givenOnCall ?? new FakeOnCall();
  const directory = givenDirectory ?? new FakeDirectory();
  const logger = mockServices.logger.mock();
  const pager = new Pager({
    store,
    signals,
    logger,
    notificationRetryMs: 1,
    ...options,
    clock,
    notifications,
    onCall,
    directory,
  });
  return { pager, clock, notifications, signals, onCall, directory, logger };
}
