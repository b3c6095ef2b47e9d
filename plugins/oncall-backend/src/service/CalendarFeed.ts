import type { DiscoveryService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import ical from 'ical-generator';
import { createHash, randomBytes } from 'crypto';
import type { CalendarTokenJson } from '@vigil/backstage-plugin-oncall-common';
import type { CalendarToken, OnCallStore } from '../database/OnCallStore';
import type { OnCallService } from './OnCallService';
import { iso } from './wire';

const DAY_MS = 86_400_000;
const FEED_PAST_MS = 7 * DAY_MS;
const FEED_FUTURE_MS = 90 * DAY_MS;

const hashOf = (token: string) =>
  createHash('sha256').update(token).digest('hex');

export type CalendarTokenRequest =
  | { kind: 'schedule'; scheduleId: string }
  | { kind: 'user'; userRef?: string };

const tokenJson = (token: CalendarToken): CalendarTokenJson => ({
  id: token.id,
  kind: token.kind,
  subject: token.subject,
  createdAt: iso(token.createdAt),
});

/**
 * iCal feeds of a schedule's final timeline or of a user's shifts, 7 days
 * back to 90 days ahead. The URL carries an unguessable token (32 random
 * bytes); only its SHA-256 is stored, so the database does not hold
 * working URLs. Tokens are revocable.
 */
export class CalendarFeed {
  constructor(
    private readonly options: {
      store: OnCallStore;
      onCall: Pick<
        OnCallService,
        'finalTimelines' | 'myShifts' | 'getSchedule'
      >;
      discovery: Pick<DiscoveryService, 'getExternalBaseUrl'>;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** A new feed URL (shown once) for a schedule, or for the caller's own shifts. */
  async createToken(request: CalendarTokenRequest, userRef: string) {
    let subject: string;
    if (request.kind === 'schedule') {
      subject = (await this.options.onCall.getSchedule(request.scheduleId)).id;
    } else {
      subject = request.userRef ?? userRef;
      if (subject !== userRef) {
        throw new NotAllowedError(
          'Invalid calendar token request: userRef: a user feed can only be made for yourself',
        );
      }
    }
    const token = randomBytes(32).toString('base64url');
    const stored = await this.options.store.createCalendarToken({
      tokenHash: hashOf(token),
      kind: request.kind,
      subject,
      createdBy: userRef,
      createdAt: this.now(),
    });
    const base = await this.options.discovery.getExternalBaseUrl('oncall');
    return { ...tokenJson(stored), url: `${base}/calendars/${token}.ics` };
  }

  async listTokens(userRef: string) {
    return { items: (await this.liveTokens(userRef)).map(tokenJson) };
  }

  private async liveTokens(userRef: string): Promise<CalendarToken[]> {
    const tokens = await this.options.store.listCalendarTokens(userRef);
    return tokens.filter(t => t.revokedAt === undefined);
  }

  async revoke(id: string, userRef: string): Promise<void> {
    const own = await this.liveTokens(userRef);
    if (
      !own.some(t => t.id === id) ||
      !(await this.options.store.revokeCalendarToken(id, userRef, this.now()))
    ) {
      throw new NotFoundError(`No live calendar token ${id} of yours`);
    }
  }

  /** The calendar text for a token; 404 for an unknown or revoked one. */
  async render(token: string): Promise<string> {
    const stored = await this.options.store.findCalendarToken(hashOf(token));
    if (!stored || stored.revokedAt !== undefined) {
      throw new NotFoundError('No such calendar');
    }
    const from = this.now() - FEED_PAST_MS;
    const to = this.now() + FEED_FUTURE_MS;
    if (stored.kind === 'schedule') {
      return this.scheduleCalendar(stored.subject, from, to);
    }
    return this.userCalendar(stored.subject, from, to);
  }

  private async scheduleCalendar(scheduleId: string, from: number, to: number) {
    const { onCall } = this.options;
    const schedule = await onCall.getSchedule(scheduleId);
    const segments =
      (await onCall.finalTimelines([scheduleId], from, to)).get(scheduleId) ??
      [];
    const calendar = ical({ name: `On call: ${schedule.name}` });
    for (const segment of segments) {
      if (segment.gap) continue;
      calendar.createEvent({
        id: `${scheduleId}-${segment.start}-${segment.end}`,
        start: new Date(segment.start),
        end: new Date(segment.end),
        summary: `On call: ${segment.userRefs.join(', ')}`,
        description: `${schedule.name} (${schedule.ownerRef})`,
      });
    }
    return calendar.toString();
  }

  private async userCalendar(userRef: string, from: number, to: number) {
    const shifts = await this.options.onCall.myShifts(userRef, from, to);
    const calendar = ical({ name: `My on-call shifts (${userRef})` });
    for (const shift of shifts) {
      calendar.createEvent({
        id: `${shift.scheduleId}-${shift.start}-${userRef}`,
        start: new Date(shift.start),
        end: new Date(shift.end),
        summary: `On call: ${shift.scheduleName}`,
        description: `Owned by ${shift.ownerRef}`,
      });
    }
    return calendar.toString();
  }
}
