import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  createOverrideRequestSchema,
  createScheduleRequestSchema,
  createTemporaryScheduleRequestSchema,
  Layer,
  Schedule,
  takeShiftRequestSchema,
  updateScheduleRequestSchema,
  usersWithChangedShifts,
} from '@vigil/backstage-plugin-oncall-common';
import { randomUUID } from 'crypto';
import type { z } from 'zod';
import type { OnCallStore } from '../database/OnCallStore';
import type { OnCallService } from './OnCallService';
import type { ShiftChangeNotifier } from './ShiftChangeNotifier';

const DAY_MS = 86_400_000;
/** How far ahead an edit's effect on people's shifts is looked at. */
const NOTIFY_HORIZON_MS = 90 * DAY_MS;

type LayerRequest = z.output<
  typeof updateScheduleRequestSchema
>['layers'][number];

/** Layers as stored: the ids the client sent (unique), new ones for the rest. */
export function layersWithIds(layers: LayerRequest[]): Layer[] {
  const seen = new Set<string>();
  return layers.map((layer, i) => {
    if (layer.id && seen.has(layer.id)) {
      throw new InputError(
        `Invalid schedule: layers[${i}].id: ${layer.id} is used by another layer`,
      );
    }
    const id = layer.id || randomUUID();
    seen.add(id);
    return { ...layer, id, restrictions: layer.restrictions ?? [] };
  });
}

/**
 * Creating and changing schedules, overrides and temporary schedules. Each
 * change compares the final timeline of the next 90 days before and after,
 * and tells the people whose shifts changed.
 */
export class ScheduleService {
  constructor(
    private readonly options: {
      store: OnCallStore;
      onCall: Pick<OnCallService, 'finalTimelines'>;
      notifier: ShiftChangeNotifier;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  list(query: {
    ownerRefs?: string[];
    participantRef?: string;
    limit: number;
    offset: number;
  }) {
    return this.options.store.listSchedules(query);
  }

  async get(id: string): Promise<Schedule> {
    const schedule = await this.options.store.getSchedule(id);
    if (!schedule) throw new NotFoundError(`No schedule with id ${id}`);
    return schedule;
  }

  /** Runs a change and tells the people whose next 90 days it changed. */
  private async changing<T>(
    scheduleId: string,
    what: string,
    by: string,
    change: () => Promise<T>,
    scheduleAfter: (result: T) => Promise<Schedule | undefined>,
  ): Promise<T> {
    const from = this.now();
    const to = from + NOTIFY_HORIZON_MS;
    const timeline = async () =>
      (await this.options.onCall.finalTimelines([scheduleId], from, to)).get(
        scheduleId,
      ) ?? [];
    const before = await timeline();
    const result = await change();
    const schedule = await scheduleAfter(result);
    if (schedule) {
      const after = await timeline();
      await this.options.notifier.changed(
        schedule,
        usersWithChangedShifts(before, after),
        what,
        by,
      );
    }
    return result;
  }

  async create(
    request: z.output<typeof createScheduleRequestSchema>,
    by: string,
  ): Promise<Schedule> {
    const schedule = await this.options.store.createSchedule({
      ownerRef: request.ownerRef,
      name: request.name,
      description: request.description,
      timeZone: request.timeZone,
      layers: layersWithIds(request.layers),
      createdBy: by,
      now: this.now(),
    });
    const to = this.now() + NOTIFY_HORIZON_MS;
    const after =
      (
        await this.options.onCall.finalTimelines([schedule.id], this.now(), to)
      ).get(schedule.id) ?? [];
    await this.options.notifier.changed(
      schedule,
      usersWithChangedShifts([], after),
      'Schedule created',
      by,
    );
    return schedule;
  }

  async update(
    id: string,
    request: z.output<typeof updateScheduleRequestSchema>,
    by: string,
  ): Promise<Schedule> {
    const layers = layersWithIds(request.layers);
    const result = await this.changing(
      id,
      'Schedule edited',
      by,
      () =>
        this.options.store.updateSchedule({
          id,
          version: request.version,
          name: request.name,
          description: request.description,
          timeZone: request.timeZone,
          layers,
          updatedBy: by,
          now: this.now(),
        }),
      async r => (typeof r === 'object' ? r : undefined),
    );
    if (result === 'conflict') {
      throw new ConflictError(
        `Schedule ${id} changed since version ${request.version}; reload it and retry`,
      );
    }
    if (!result) throw new NotFoundError(`No schedule with id ${id}`);
    return result;
  }

  async delete(schedule: Schedule, version: number, by: string): Promise<void> {
    const result = await this.changing(
      schedule.id,
      'Schedule deleted',
      by,
      () => this.options.store.deleteSchedule(schedule.id, version),
      async r => (r === true ? { ...schedule, version } : undefined),
    );
    if (result === 'conflict') {
      throw new ConflictError(
        `Schedule ${schedule.id} changed since version ${version}; reload it and retry`,
      );
    }
    if (!result) throw new NotFoundError(`No schedule with id ${schedule.id}`);
  }

  async addOverride(
    schedule: Schedule,
    request: z.output<typeof createOverrideRequestSchema>,
    by: string,
  ) {
    if (request.action !== 'replace' && request.replacesRef) {
      throw new InputError(
        `Invalid override: replacesRef: only a replace override names whom it replaces`,
      );
    }
    return this.changing(
      schedule.id,
      `Override (${request.action} ${request.userRef}) added`,
      by,
      () =>
        this.options.store.createOverride({
          scheduleId: schedule.id,
          start: Date.parse(request.start),
          end: Date.parse(request.end),
          action: request.action,
          userRef: request.userRef,
          replacesRef: request.replacesRef,
          note: request.note,
          createdBy: by,
          createdAt: this.now(),
        }),
      async () => schedule,
    );
  }

  /** The caller takes over from `replacesRef`; only participants may. */
  async takeShift(
    schedule: Schedule,
    request: z.output<typeof takeShiftRequestSchema>,
    by: string,
  ) {
    const participants = new Set(schedule.layers.flatMap(l => l.participants));
    if (!participants.has(by)) {
      throw new NotAllowedError(
        `Only participants of schedule ${schedule.name} may take its shifts; ${by} is not one`,
      );
    }
    if (request.replacesRef === by) {
      throw new InputError(
        'Invalid take-shift request: replacesRef: must be someone other than the caller',
      );
    }
    return this.addOverride(
      schedule,
      {
        action: 'replace',
        userRef: by,
        replacesRef: request.replacesRef,
        start: request.start,
        end: request.end,
        note: `Shift taken from ${request.replacesRef}`,
      },
      by,
    );
  }

  async addTemporarySchedule(
    schedule: Schedule,
    request: z.output<typeof createTemporaryScheduleRequestSchema>,
    by: string,
  ) {
    const start = Date.parse(request.start);
    const end = Date.parse(request.end);
    request.shifts.forEach((shift, i) => {
      if (Date.parse(shift.start) < start || Date.parse(shift.end) > end) {
        throw new InputError(
          `Invalid temporary schedule: shifts[${i}]: must lie within start and end`,
        );
      }
    });
    return this.changing(
      schedule.id,
      'Temporary schedule added',
      by,
      () =>
        this.options.store.createTemporarySchedule({
          scheduleId: schedule.id,
          start,
          end,
          shifts: request.shifts.map(s => ({
            userRef: s.userRef,
            start: Date.parse(s.start),
            end: Date.parse(s.end),
          })),
          note: request.note,
          createdBy: by,
          createdAt: this.now(),
        }),
      async () => schedule,
    );
  }

  /**
   * Removes an override: a future one is deleted, a started one ends now,
   * an ended one is history and stays (409).
   */
  async removeOverride(schedule: Schedule, overrideId: string, by: string) {
    const { store } = this.options;
    const override = await store.getOverride(overrideId);
    if (!override || override.scheduleId !== schedule.id) {
      throw new NotFoundError(
        `No override ${overrideId} in schedule ${schedule.id}`,
      );
    }
    await this.removeRange(schedule, override, 'Override', by, {
      delete: () => store.deleteOverride(overrideId),
      truncate: end => store.truncateOverride(overrideId, end),
    });
  }

  async removeTemporarySchedule(
    schedule: Schedule,
    temporaryId: string,
    by: string,
  ) {
    const { store } = this.options;
    const temporary = await store.getTemporarySchedule(temporaryId);
    if (!temporary || temporary.scheduleId !== schedule.id) {
      throw new NotFoundError(
        `No temporary schedule ${temporaryId} in schedule ${schedule.id}`,
      );
    }
    await this.removeRange(schedule, temporary, 'Temporary schedule', by, {
      delete: () => store.deleteTemporarySchedule(temporaryId),
      truncate: end => store.truncateTemporarySchedule(temporaryId, end),
    });
  }

  private async removeRange(
    schedule: Schedule,
    range: { id: string; start: number; end: number },
    what: string,
    by: string,
    ops: {
      delete(): Promise<boolean>;
      truncate(end: number): Promise<boolean>;
    },
  ): Promise<void> {
    const now = this.now();
    if (range.end <= now) {
      throw new ConflictError(`${what} ${range.id} has ended; history is kept`);
    }
    await this.changing(
      schedule.id,
      range.start > now ? `${what} removed` : `${what} ended early`,
      by,
      () => (range.start > now ? ops.delete() : ops.truncate(now)),
      async () => schedule,
    );
  }
}
