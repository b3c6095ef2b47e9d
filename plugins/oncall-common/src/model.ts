import { z } from 'zod';

/*
 * The on-call domain as the API speaks it. Instants are ISO 8601 strings in
 * UTC on the wire and epoch milliseconds inside the pure functions; zones
 * appear only in schedule definitions (DESIGN.md, shared conventions).
 */

export const ROTATION_UNITS = ['hour', 'day', 'week', 'month'] as const;
/** How a layer's shift length is counted. */
export type RotationUnit = (typeof ROTATION_UNITS)[number];

const ENTITY_REF = /^[a-z0-9_-]+:[a-z0-9_./-]+\/[a-zA-Z0-9_.-]+$/i;
/** A full catalog entity ref, e.g. `user:default/alice`. */
export const entityRefSchema = z
  .string()
  .max(255)
  .regex(ENTITY_REF, 'must be a full entity ref such as user:default/alice');
export const userRefSchema = entityRefSchema.refine(
  ref => ref.toLowerCase().startsWith('user:'),
  'must be a user entity ref such as user:default/alice',
);
export const groupRefSchema = entityRefSchema.refine(
  ref => ref.toLowerCase().startsWith('group:'),
  'must be a group entity ref such as group:default/sre',
);

/** A local date-time without zone, minute precision: `2026-03-08T09:00`. */
export const localDateTimeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
    'must be a local date-time such as 2026-03-08T09:00',
  );
/** `HH:mm`, 00:00 to 24:00. */
export const timeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:mm');
/** An ISO 8601 instant with a zone or offset. */
export const instantSchema = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/**
 * A weekly window in the schedule's zone when a layer applies, e.g. business
 * hours: days 1–5 (ISO weekdays, Monday = 1), 09:00–17:00. An end at or
 * before the start runs past midnight into the next day.
 */
export const restrictionSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  start: timeOfDaySchema,
  end: timeOfDaySchema,
});
export type Restriction = z.infer<typeof restrictionSchema>;

export const layerInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  rotation: z.object({
    unit: z.enum(ROTATION_UNITS),
    /** Shift length in units: a two-week rotation is `{ unit: 'week', length: 2 }`. */
    length: z.number().int().min(1).max(1000),
  }),
  /** The first handoff, in the schedule's zone. */
  start: localDateTimeSchema,
  participants: z
    .array(userRefSchema)
    .min(1, 'a layer needs at least one participant')
    .max(200),
  /** Empty: the layer applies at all times. */
  restrictions: z.array(restrictionSchema).max(50).default([]),
});
export type LayerInput = z.input<typeof layerInputSchema>;

/** A rotation layer; layers later in a schedule's list win where they have someone. */
export interface Layer {
  id: string;
  name: string;
  rotation: { unit: RotationUnit; length: number };
  start: string;
  participants: string[];
  restrictions: Restriction[];
}

/** What the rotation math needs of a schedule at one version. */
export interface ScheduleDefinition {
  timeZone: string;
  /** Lowest priority first. */
  layers: Layer[];
}

/**
 * A schedule's definition from `effectiveFrom` until the next version's: an
 * edit starts a new version at the instant of the edit, so the past keeps the
 * rotation it had (shift history).
 */
export interface ScheduleVersion {
  version: number;
  effectiveFrom: number;
  definition: ScheduleDefinition;
}

export interface Schedule extends ScheduleDefinition {
  id: string;
  /** The catalog group that owns (and may edit) the schedule. */
  ownerRef: string;
  name: string;
  description?: string;
  /** Optimistic concurrency: edits must name the version they change. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const OVERRIDE_ACTIONS = ['add', 'remove', 'replace'] as const;
export type OverrideAction = (typeof OVERRIDE_ACTIONS)[number];

/**
 * A change on top of the layers for a time range:
 * `add` puts `userRef` on call beside whoever is;
 * `remove` takes `userRef` off call;
 * `replace` puts `userRef` on call instead of `replacesRef` (or instead of
 * everyone on call, when `replacesRef` is absent).
 */
export interface Override {
  id: string;
  scheduleId: string;
  start: number;
  end: number;
  action: OverrideAction;
  userRef: string;
  replacesRef?: string;
  note?: string;
  createdBy: string;
}

/** A fixed shift of a temporary schedule. */
export interface FixedShift {
  start: number;
  end: number;
  userRef: string;
}

/**
 * Takes over a schedule for [start, end): only its shifts count there
 * (times it leaves uncovered are gaps), then overrides apply on top.
 */
export interface TemporarySchedule {
  id: string;
  scheduleId: string;
  start: number;
  end: number;
  shifts: FixedShift[];
  note?: string;
  createdBy: string;
}

/** One shift of one layer (restrictions applied), for the timeline view. */
export interface LayerShift {
  layerId: string;
  /** Which handoff began this shift (participant = participants[index mod n]). */
  index: number;
  start: number;
  end: number;
  userRef: string;
}

/** Where a stretch of the final timeline came from. */
export type TimelineSource = 'layer' | 'override' | 'temporary' | 'none';

/**
 * A stretch of the final timeline during which the same people are on call.
 * `gap` is true when nobody is.
 */
export interface TimelineSegment {
  start: number;
  end: number;
  userRefs: string[];
  gap: boolean;
  source: TimelineSource;
  /** The layer that supplied the people, when the source is a layer. */
  layerId?: string;
}

// ------------------------------------------------------------ escalation

export const ESCALATION_TARGET_KINDS = ['user', 'schedule', 'group'] as const;
export type EscalationTargetKind = (typeof ESCALATION_TARGET_KINDS)[number];

export const escalationTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), ref: userRefSchema }),
  z.object({ kind: z.literal('schedule'), ref: z.string().uuid() }),
  z.object({ kind: z.literal('group'), ref: groupRefSchema }),
]);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

export const escalationStepSchema = z.object({
  /** Minutes after the previous step (after the page opened, for the first). */
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  targets: z
    .array(escalationTargetSchema)
    .min(1, 'a step needs at least one target')
    .max(20),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export interface EscalationPolicy {
  id: string;
  ownerRef: string;
  name: string;
  description?: string;
  /** How many times the whole list of steps runs (1 = once, no repeat). */
  repeat: number;
  steps: EscalationStep[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const PAGE_STATUSES = [
  'open',
  'acknowledged',
  'resolved',
  'exhausted',
] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];
