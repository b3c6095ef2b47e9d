import { InputError } from '@backstage/errors';
import {
  entityRefSchema,
  groupRefSchema,
  instantSchema,
  PAGE_STATUSES,
  userRefSchema,
} from '@vigil/backstage-plugin-oncall-common';
import { z } from 'zod';
import { queryInteger } from '@vigil/common-kit';

/*
 * The query strings of the API, as zod schemas: openapi.yaml checks the
 * same first; these give the API's wording and what OpenAPI cannot say
 * (ranges between two fields, entity ref syntax, `1e2`).
 */

const DAY_MS = 86_400_000;
export const MAX_OFFSET = 1_000_000;
export const MAX_TIMELINE_DAYS = 100;

/** A repeatable parameter: one value or many. */
const repeatable = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.union([item.transform(v => [v]), z.array(item).max(max)]).optional();

const page = {
  limit: queryInteger(1, 100, 50),
  offset: queryInteger(0, MAX_OFFSET, 0),
};

export const listSchedulesQuerySchema = z
  .object({
    ownerRef: repeatable(groupRefSchema, 50),
    participantRef: userRefSchema.optional(),
    ...page,
  })
  .strict();

export const listPoliciesQuerySchema = z
  .object({ ownerRef: repeatable(groupRefSchema, 50), ...page })
  .strict();

export const versionQuerySchema = z
  .object({ version: queryInteger(1, 2_147_483_647) })
  .strict();

export const atQuerySchema = z
  .object({ at: instantSchema.optional() })
  .strict();

export const rangeQuerySchema = z
  .object({ from: instantSchema.optional(), to: instantSchema.optional() })
  .strict();

/** [from, to) with defaults, a 400 when reversed or longer than `maxDays`. */
export function rangeOf(
  query: z.output<typeof rangeQuerySchema>,
  now: number,
  defaultDays: number,
  maxDays = MAX_TIMELINE_DAYS,
): { from: number; to: number } {
  const from = query.from ? Date.parse(query.from) : now;
  const to = query.to ? Date.parse(query.to) : from + defaultDays * DAY_MS;
  if (to <= from) {
    throw new InputError('Invalid query: to: must be after from');
  }
  if (to - from > maxDays * DAY_MS) {
    throw new InputError(
      `Invalid query: to: must be at most ${maxDays} days after from`,
    );
  }
  return { from, to };
}

export const onCallQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    groupRef: groupRefSchema.optional(),
    scheduleId: z.string().min(1).max(64).optional(),
    at: instantSchema.optional(),
  })
  .strict()
  .refine(
    q =>
      [q.entityRef, q.groupRef, q.scheduleId].filter(v => v !== undefined)
        .length === 1,
    {
      message: 'give exactly one of entityRef, groupRef and scheduleId',
      path: ['entityRef'],
    },
  );

export const listPagesQuerySchema = z
  .object({
    incidentId: z.string().min(1).max(64).optional(),
    entityRef: entityRefSchema.optional(),
    mine: z.enum(['true', 'false']).optional(),
    status: repeatable(z.enum(PAGE_STATUSES), 4),
    ...page,
  })
  .strict();

export const acknowledgeIncidentBodySchema = z.object({ by: userRefSchema });

export const idSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{1,64}$/,
    'must be an id of 1 to 64 letters, digits, - or _',
  );
