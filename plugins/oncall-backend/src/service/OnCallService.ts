import { NotFoundError } from '@backstage/errors';
import {
  EscalationPolicy,
  finalTimeline,
  gapsOf,
  layerShifts,
  OnCallAnswer,
  Schedule,
  ScheduleTimeline,
  shiftsOf,
  TimelineSegment,
} from '@vigil/backstage-plugin-oncall-common';
import type { OnCallStore } from '../database/OnCallStore';
import type { OnCallDirectory } from './OnCallDirectory';
import { OnCallNow, onCallSummary } from './onCallSummary';
import { iso, overrideJson, segmentJson, temporaryScheduleJson } from './wire';

const DAY_MS = 86_400_000;
/**
 * How far ahead "until" and "next" are looked for: a short window first
 * (most rotations hand off within it, and the timeline's cost grows with its
 * length), then the long one for the schedules it did not settle.
 */
const LOOKAHEADS_MS = [3 * DAY_MS, 35 * DAY_MS];
/** Schedules one owner can have, as far as who-is-on-call reads them. */
const MAX_SCHEDULES_PER_OWNER = 100;
/** Schedules a user's shifts are looked for in. */
const MAX_SCHEDULES_PER_USER = 500;

export type OnCallQuery =
  | { entityRef: string }
  | { groupRef: string }
  | { scheduleId: string };

/**
 * Who is on call: final timelines computed from the schedules' versions,
 * overrides and temporary schedules, each read for all schedules at once
 * (one query per table, whatever the number of schedules).
 */
export class OnCallService {
  constructor(
    private readonly options: {
      store: OnCallStore;
      directory: Pick<
        OnCallDirectory,
        'ownerOf' | 'policyFor' | 'defaultPolicyOf'
      >;
    },
  ) {}

  /** The final timelines of [from, to), by schedule id. */
  async finalTimelines(
    scheduleIds: string[],
    from: number,
    to: number,
  ): Promise<Map<string, TimelineSegment[]>> {
    const { store } = this.options;
    const result = new Map<string, TimelineSegment[]>();
    if (scheduleIds.length === 0) return result;
    const [versions, overrides, temporary] = await Promise.all([
      store.getScheduleVersionsMany(scheduleIds, from, to),
      store.listOverridesMany(scheduleIds, from, to),
      store.listTemporarySchedulesMany(scheduleIds, from, to),
    ]);
    for (const id of scheduleIds) {
      result.set(
        id,
        finalTimeline({
          versions: versions.get(id) ?? [],
          overrides: overrides.get(id) ?? [],
          temporarySchedules: temporary.get(id) ?? [],
          from,
          to,
        }),
      );
    }
    return result;
  }

  /** Used by the escalation engine: the people on call per schedule at `at`. */
  async usersOnCall(
    scheduleIds: string[],
    at: number,
  ): Promise<Map<string, string[]>> {
    const timelines = await this.finalTimelines(scheduleIds, at, at + 1);
    const result = new Map<string, string[]>();
    for (const id of scheduleIds) {
      const segment = (timelines.get(id) ?? []).find(
        s => s.start <= at && at < s.end,
      );
      result.set(id, segment && !segment.gap ? segment.userRefs : []);
    }
    return result;
  }

  async getSchedule(id: string): Promise<Schedule> {
    const schedule = await this.options.store.getSchedule(id);
    if (!schedule) throw new NotFoundError(`No schedule with id ${id}`);
    return schedule;
  }

  async onCallNow(schedules: Schedule[], at: number): Promise<OnCallNow[]> {
    const answers = new Map<string, OnCallNow>();
    let pending = schedules;
    for (const lookahead of LOOKAHEADS_MS) {
      if (pending.length === 0) break;
      const timelines = await this.finalTimelines(
        pending.map(s => s.id),
        at,
        at + lookahead,
      );
      for (const schedule of pending) {
        answers.set(
          schedule.id,
          onCallSummary(schedule, timelines.get(schedule.id) ?? [], at),
        );
      }
      pending = pending.filter(s => !answers.get(s.id)!.next);
    }
    return schedules.map(s => answers.get(s.id)!);
  }

  /** Who is on call for an entity (through its owner), a group or a schedule. */
  async onCallFor(query: OnCallQuery, at: number): Promise<OnCallAnswer> {
    const { store, directory } = this.options;
    let ownerRef: string | undefined;
    let schedules: Schedule[];
    let policy: EscalationPolicy | undefined;
    if ('scheduleId' in query) {
      const schedule = await this.getSchedule(query.scheduleId);
      ownerRef = schedule.ownerRef;
      schedules = [schedule];
      policy = await directory.defaultPolicyOf(ownerRef);
    } else {
      if ('entityRef' in query) {
        ownerRef = await directory.ownerOf(query.entityRef);
        if (ownerRef === undefined && !query.entityRef.startsWith('group:')) {
          throw new NotFoundError(
            `No entity ${query.entityRef} in the catalog`,
          );
        }
        policy = await directory.policyFor(query.entityRef);
      } else {
        ownerRef = query.groupRef;
        policy = await directory.defaultPolicyOf(ownerRef);
      }
      schedules = ownerRef
        ? (
            await store.listSchedules({
              ownerRefs: [ownerRef],
              limit: MAX_SCHEDULES_PER_OWNER,
              offset: 0,
            })
          ).items
        : [];
    }
    return {
      at: iso(at),
      ownerRef: ownerRef ?? null,
      schedules: await this.onCallNow(schedules, at),
      policy: policy ? { id: policy.id, name: policy.name } : null,
    };
  }

  /** Each layer's shifts, overrides, temporary schedules and the final timeline. */
  async scheduleTimeline(
    schedule: Schedule,
    from: number,
    to: number,
  ): Promise<ScheduleTimeline> {
    const { store } = this.options;
    const [versions, overrides, temporary] = await Promise.all([
      store.getScheduleVersions(schedule.id, from, to),
      store.listOverrides(schedule.id, from, to),
      store.listTemporarySchedules(schedule.id, from, to),
    ]);
    const final = finalTimeline({
      versions,
      overrides,
      temporarySchedules: temporary,
      from,
      to,
    });
    // Each version's layers over the part of the range it was in effect.
    const layers = new Map<
      string,
      { layerId: string; name: string; shifts: ReturnType<typeof shiftJson>[] }
    >();
    versions.forEach((version, i) => {
      const start = Math.max(from, version.effectiveFrom);
      const end = Math.min(to, versions[i + 1]?.effectiveFrom ?? to);
      if (start >= end) return;
      for (const layer of version.definition.layers) {
        const entry = layers.get(layer.id) ?? {
          layerId: layer.id,
          name: layer.name,
          shifts: [],
        };
        entry.name = layer.name;
        for (const shift of layerShifts(
          layer,
          version.definition.timeZone,
          start,
          end,
        )) {
          entry.shifts.push(shiftJson(shift));
        }
        layers.set(layer.id, entry);
      }
    });
    return {
      scheduleId: schedule.id,
      timeZone: schedule.timeZone,
      from: iso(from),
      to: iso(to),
      layers: [...layers.values()],
      overrides: overrides.map(overrideJson),
      temporarySchedules: temporary.map(temporaryScheduleJson),
      final: final.map(segmentJson),
      gaps: gapsOf(final).map(g => ({ start: iso(g.start), end: iso(g.end) })),
    };
  }

  /** A user's shifts in the schedules that name them, by start. */
  async myShifts(userRef: string, from: number, to: number) {
    const { items } = await this.options.store.listSchedules({
      participantRef: userRef,
      limit: MAX_SCHEDULES_PER_USER,
      offset: 0,
    });
    const timelines = await this.finalTimelines(
      items.map(s => s.id),
      from,
      to,
    );
    const shifts = items.flatMap(schedule =>
      shiftsOf(timelines.get(schedule.id) ?? [], userRef).map(window => ({
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        ownerRef: schedule.ownerRef,
        start: window.start,
        end: window.end,
      })),
    );
    return shifts.sort((a, b) => a.start - b.start);
  }
}

function shiftJson(shift: {
  index: number;
  start: number;
  end: number;
  userRef: string;
}) {
  return {
    index: shift.index,
    start: iso(shift.start),
    end: iso(shift.end),
    userRef: shift.userRef,
  };
}
