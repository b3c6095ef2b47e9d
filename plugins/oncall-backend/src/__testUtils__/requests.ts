import type { CreateScheduleRequest } from '@vigil/backstage-plugin-oncall-common';
import { ALICE, BOB, CAROL, DMITRI, GUEST, PAYMENTS, SRE } from './catalog';

/** Request bodies of the API's tests. */

export const sreSchedule = (
  overrides: Partial<CreateScheduleRequest> = {},
): CreateScheduleRequest => ({
  ownerRef: SRE,
  name: 'SRE primary',
  timeZone: 'Europe/Berlin',
  layers: [
    {
      name: 'Weekly',
      rotation: { unit: 'week', length: 1 },
      start: '2026-01-05T09:00',
      participants: [ALICE, BOB],
    },
  ],
  ...overrides,
});

/** Daily, 00:00 Berlin, guest → carol → dmitri from 2026-01-01. */
export const paymentsSchedule = (): CreateScheduleRequest => ({
  ownerRef: PAYMENTS,
  name: 'Payments daily',
  timeZone: 'Europe/Berlin',
  layers: [
    {
      name: 'Daily',
      rotation: { unit: 'day', length: 1 },
      start: '2026-01-01T00:00',
      participants: [GUEST, CAROL, DMITRI],
    },
  ],
});

export const policyFor = (ownerRef: string, scheduleId: string) => ({
  ownerRef,
  name: `${ownerRef.split('/')[1]} escalation`,
  repeat: 2,
  steps: [
    { delayMinutes: 0, targets: [{ kind: 'schedule', ref: scheduleId }] },
    { delayMinutes: 5, targets: [{ kind: 'group', ref: SRE }] },
  ],
});
