import { z } from 'zod';
import {
  entityRefSchema,
  escalationStepSchema,
  groupRefSchema,
  instantSchema,
  layerInputSchema,
  userRefSchema,
} from './model';
import { isValidTimeZone } from './zones';

/*
 * Request bodies, shared by the API client and the backend (which parses
 * them with @vigil/backend-kit's `parse`, so a 400 names the field).
 */

const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin');

const range = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ start: instantSchema, end: instantSchema, ...shape })
    .refine(v => Date.parse(v.end as string) > Date.parse(v.start as string), {
      message: 'must be after start',
      path: ['end'],
    });

export const createScheduleRequestSchema = z.object({
  ownerRef: groupRefSchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
  timeZone: timeZoneSchema,
  layers: z.array(layerInputSchema).max(50).default([]),
});
export type CreateScheduleRequest = z.input<typeof createScheduleRequestSchema>;

/** Replaces name, description, zone and layers; `version` is the one edited. */
export const updateScheduleRequestSchema = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
  timeZone: timeZoneSchema,
  layers: z
    .array(layerInputSchema.extend({ id: z.string().max(64).optional() }))
    .max(50),
});
export type UpdateScheduleRequest = z.input<typeof updateScheduleRequestSchema>;

export const createOverrideRequestSchema = range({
  action: z.enum(['add', 'remove', 'replace']),
  userRef: userRefSchema,
  replacesRef: userRefSchema.optional(),
  note: z.string().max(500).optional(),
});
export type CreateOverrideRequest = z.input<typeof createOverrideRequestSchema>;

export const createTemporaryScheduleRequestSchema = range({
  shifts: z
    .array(
      z
        .object({
          start: instantSchema,
          end: instantSchema,
          userRef: userRefSchema,
        })
        .refine(v => Date.parse(v.end) > Date.parse(v.start), {
          message: 'must be after start',
          path: ['end'],
        }),
    )
    .max(500),
  note: z.string().max(500).optional(),
});
export type CreateTemporaryScheduleRequest = z.input<
  typeof createTemporaryScheduleRequestSchema
>;

/** Take a shift: the caller replaces `replacesRef` for the range. */
export const takeShiftRequestSchema = range({
  replacesRef: userRefSchema,
});
export type TakeShiftRequest = z.input<typeof takeShiftRequestSchema>;

export const escalationPolicyRequestSchema = z.object({
  ownerRef: groupRefSchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).optional(),
  repeat: z.number().int().min(1).max(10).default(1),
  steps: z
    .array(escalationStepSchema)
    .min(1, 'a policy needs at least one step')
    .max(20),
});
export type EscalationPolicyRequest = z.input<
  typeof escalationPolicyRequestSchema
>;
export const updateEscalationPolicyRequestSchema =
  escalationPolicyRequestSchema.extend({ version: z.number().int().min(1) });

/** Page the escalation policy of an entity's owner (incident or by hand). */
export const createPageRequestSchema = z.object({
  entityRef: entityRefSchema,
  title: z.string().trim().min(1).max(300),
  description: z.string().max(2000).optional(),
  /** Set when the incidents backend pages for an incident. */
  incidentId: z.string().max(64).optional(),
  link: z.string().max(500).optional(),
  severity: z.enum(['critical', 'high', 'normal', 'low']).default('high'),
});
export type CreatePageRequest = z.input<typeof createPageRequestSchema>;

export const calendarTokenRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('schedule'), scheduleId: z.string().uuid() }),
  z.object({ kind: z.literal('user'), userRef: userRefSchema.optional() }),
]);
export type CalendarTokenRequest = z.input<typeof calendarTokenRequestSchema>;
