import { parse } from 'yaml';
import { z } from 'zod';
import type { AddServiceValues } from './serviceInput';
import { yamlString } from './yamlText';

/** Where the starter schedule begins, and whom it names. @public */
export interface OnCallStubOptions {
  /** The user running the template: the rotation's first participant. */
  initiatorRef?: string;
  /** The schedule's zone (IANA). Default Europe/Berlin, the demo's. */
  timeZone?: string;
  /** Today, for the first handoff (`YYYY-MM-DD`). */
  today: string;
}

const USER_REF = /^user:[a-z0-9_.-]+\/[a-zA-Z0-9_.-]+$/i;

/**
 * The starter schedule as the on-call API's `POST /schedules` body
 * (plugins/oncall-backend/openapi.yaml): what oncall.yaml records and what
 * the template may create on the user's behalf.
 *
 * @public
 */
export const onCallStubSchema = z.object({
  schedule: z.object({
    ownerRef: z.string().regex(/^group:[a-z0-9_.-]+\/[a-zA-Z0-9_.-]+$/i),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).optional(),
    timeZone: z.string().min(1).max(64),
    layers: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(100),
          rotation: z.object({
            unit: z.enum(['hour', 'day', 'week', 'month']),
            length: z.number().int().min(1).max(1000),
          }),
          start: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
          participants: z.array(z.string().regex(USER_REF)).min(1).max(200),
        }),
      )
      .max(50),
  }),
});

/** The parsed oncall.yaml. @public */
export type OnCallStub = z.infer<typeof onCallStubSchema>;

/**
 * oncall.yaml: a weekly rotation of one layer, starting today at 09:00 in
 * the schedule's zone, with the person who ran the template in it. A stub
 * without a participant (no initiating user) has no layer: a schedule
 * that pages nobody, to fill in.
 *
 * @public
 */
export function renderOnCallStub(
  values: AddServiceValues,
  options: OnCallStubOptions,
): string {
  const participant =
    options.initiatorRef && USER_REF.test(options.initiatorRef)
      ? options.initiatorRef
      : undefined;
  return [
    `# ${values.title}'s starter on-call schedule, in the body the on-call API`,
    '# takes (POST /api/oncall/schedules). The template creates it for the',
    '# owning group when that group has no schedule yet; this file is the',
    "# record. Add the team's people to `participants` and edit the live",
    "# schedule on the group's On call tab.",
    'schedule:',
    `  ownerRef: ${values.owner}`,
    `  name: ${yamlString(`${values.title} on-call`)}`,
    `  description: ${yamlString(
      `Starter weekly rotation for ${values.name} (Add your service)`,
    )}`,
    `  timeZone: ${options.timeZone ?? 'Europe/Berlin'}`,
    ...(participant
      ? [
          '  layers:',
          '    - name: Primary',
          '      rotation: { unit: week, length: 1 }',
          `      start: '${options.today}T09:00'`,
          `      participants: [${participant}]`,
        ]
      : ['  layers: []']),
    '',
  ].join('\n');
}

/** Reads oncall.yaml back (what the on-call step posts). @public */
export function parseOnCallStub(text: string): OnCallStub {
  return onCallStubSchema.parse(parse(text));
}
