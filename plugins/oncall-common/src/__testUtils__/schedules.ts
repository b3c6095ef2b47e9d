import { Override, ScheduleVersion, TimelineSegment } from '../model';
import { ALICE, BOB, CAROL, makeLayer, t } from './fixtures';

export const NY = 'America/New_York';
export const daily = makeLayer('day', 1, '2026-03-07T09:00', {
  participants: [ALICE, BOB],
});
export const businessHours = makeLayer('week', 1, '2026-03-02T00:00', {
  id: 'layer-2',
  participants: [CAROL],
  restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
});
export const version = (
  effectiveFrom: string,
  layers = [daily],
  n = 1,
): ScheduleVersion => ({
  version: n,
  effectiveFrom: t(effectiveFrom),
  definition: { timeZone: NY, layers },
});
export const V1 = version('2026-03-01T00:00-05:00');

/** Segments as [start, end, people] with local ISO instants, for readable tables. */
export type Row = [string, string, string[]];
export const rows = (segments: TimelineSegment[]) =>
  segments.map(s => [s.start, s.end, s.userRefs]);
export const expected = (table: Row[]) =>
  table.map(([start, end, people]) => [t(start), t(end), people]);

let overrideId = 0;
export const override = (
  action: Override['action'],
  userRef: string,
  start: string,
  end: string,
  replacesRef?: string,
): Override => ({
  id: `o${(overrideId += 1)}`,
  scheduleId: 's',
  action,
  userRef,
  replacesRef,
  start: t(start),
  end: t(end),
  createdBy: ALICE,
});
