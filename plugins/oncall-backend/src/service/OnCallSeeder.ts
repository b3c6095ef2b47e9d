import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  createScheduleRequestSchema,
  escalationPolicyRequestSchema,
  Schedule,
} from '@vigil/backstage-plugin-oncall-common';
import { parse } from '@vigil/backend-kit';
import { DateTime } from 'luxon';
import fs from 'node:fs/promises';
import YAML from 'yaml';
import { z } from 'zod';
import type { OnCallStore } from '../database/OnCallStore';
import { layersWithIds } from './ScheduleService';

const SEEDED_BY = 'plugin:oncall';

/**
 * The seed file: schedules and policies as the API takes them, except that a
 * policy step's schedule target names the schedule as `<owner ref>/<name>`
 * (ids are not known before seeding), and a layer start may be `today` or
 * `today HH:mm` (that day in the schedule's zone, so a demo rotation starts
 * on the day it is seeded).
 */
const seedFileSchema = z.object({
  schedules: z.array(z.unknown()).default([]),
  policies: z.array(z.unknown()).default([]),
});

const TODAY = /^today(?:[ T](\d\d:\d\d))?$/;

function resolveToday(schedule: unknown, now: number): unknown {
  const value = schedule as { timeZone?: unknown; layers?: unknown };
  if (!Array.isArray(value?.layers) || typeof value.timeZone !== 'string') {
    return schedule;
  }
  const today = DateTime.fromMillis(now, { zone: value.timeZone }).toFormat(
    'yyyy-MM-dd',
  );
  return {
    ...value,
    layers: value.layers.map((layer: { start?: unknown }) => {
      const match =
        typeof layer?.start === 'string' ? TODAY.exec(layer.start) : null;
      return match
        ? { ...layer, start: `${today}T${match[1] ?? '00:00'}` }
        : layer;
    }),
  };
}

/**
 * Creates the seed file's schedules and policies that are missing (matched
 * by owner and name); existing ones are left as they are, so edits made in
 * the portal survive restarts.
 */
export class OnCallSeeder {
  constructor(
    private readonly options: {
      store: OnCallStore;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  async seedFromFile(file: string): Promise<void> {
    // The path is the operator's configuration (vigil.oncall.seedFile).
    // eslint-disable-next-line security/detect-non-literal-fs-filename
    const text = await fs.readFile(file, 'utf8');
    await this.seed(YAML.parse(text));
  }

  async seed(document: unknown): Promise<{ created: number }> {
    const { store, logger } = this.options;
    const now = (this.options.now ?? Date.now)();
    const seed = parse(seedFileSchema, document, 'on-call seed file');
    const byKey = new Map<string, Schedule>();
    let created = 0;
    for (const [i, raw] of seed.schedules.entries()) {
      const request = parse(
        createScheduleRequestSchema,
        resolveToday(raw, now),
        `on-call seed file: schedules[${i}]`,
      );
      const key = `${request.ownerRef}/${request.name}`;
      let schedule = (
        await store.listSchedules({
          ownerRefs: [request.ownerRef],
          limit: 100,
          offset: 0,
        })
      ).items.find(s => s.name === request.name);
      if (!schedule) {
        // Straight into the store: nobody is told about seeded shifts (at
        // startup the notifications backend may not even listen yet).
        schedule = await store.createSchedule({
          ...request,
          layers: layersWithIds(request.layers),
          createdBy: SEEDED_BY,
          now,
        });
        created++;
      }
      byKey.set(key, schedule);
    }
    for (const [i, raw] of seed.policies.entries()) {
      const withIds = JSON.parse(JSON.stringify(raw ?? {}), (_key, value) =>
        value && typeof value === 'object' && value.kind === 'schedule'
          ? { ...value, ref: byKey.get(value.ref)?.id ?? value.ref }
          : value,
      );
      const request = parse(
        escalationPolicyRequestSchema,
        withIds,
        `on-call seed file: policies[${i}]`,
      );
      const exists = (
        await store.listPolicies({
          ownerRefs: [request.ownerRef],
          limit: 100,
          offset: 0,
        })
      ).items.some(p => p.name === request.name);
      if (!exists) {
        // A millisecond apart, so the file's order is the creation order
        // (a group's first policy is its default).
        await store.createPolicy({
          ...request,
          createdBy: SEEDED_BY,
          now: now + i,
        });
        created++;
      }
    }
    if (created > 0)
      logger.info(`Seeded ${created} on-call schedules and policies`);
    return { created };
  }
}
