import { z } from 'zod';
import { queryInteger } from '@vigil/common-kit';

/** Longest text of feedback or a ticket (characters, after trimming). @public */
export const MAX_TEXT_LENGTH = 4000;
/** Longest error message kept in a ticket's context. @public */
export const MAX_MESSAGE_LENGTH = 2000;
/** Largest page of a list. @public */
export const MAX_LIST_LIMIT = 100;
/** Largest offset of a list (far beyond any real count). @public */
export const MAX_LIST_OFFSET = 100_000;

/** What a ticket goes through, in order. @public */
export const TICKET_STATUSES = [
  'open',
  'in-progress',
  'resolved',
  'closed',
] as const;
/** @public */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Text of 1 to `max` characters once trimmed, without NUL characters. */
const trimmedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(v => !v.includes('\0'), 'must not contain NUL characters');

/** Optional text, bounded; empty strings count as absent. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(v => !v.includes('\0'), 'must not contain NUL characters')
    .optional()
    .transform(v => (v ? v : undefined));

/** `kind:namespace/name`, as the catalog writes refs. */
const entityRef = optionalText(400).refine(
  v =>
    v === undefined || /^[a-z0-9-_.]+:[a-z0-9-_.]+\/[a-zA-Z0-9-_.]+$/i.test(v),
  'must be an entity ref like component:default/name',
);

/**
 * Where the user was: the route (path only, no query), the entity shown and
 * the app's version.
 * @public
 */
export const supportContextSchema = z
  .object({
    route: optionalText(500),
    entityRef,
    appVersion: optionalText(100),
  })
  .strict();
/** @public */
export type SupportContext = z.output<typeof supportContextSchema>;

/** Feedback as the app sends it. @public */
export const feedbackInputSchema = z
  .object({
    rating: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be from 1 to 5')
      .max(5, 'must be from 1 to 5'),
    text: trimmedText(MAX_TEXT_LENGTH),
    context: supportContextSchema.default({}),
  })
  .strict();
/** @public */
export type FeedbackInput = z.input<typeof feedbackInputSchema>;

/**
 * What the app knew of the error when the user reported it, so they need
 * not retype it.
 * @public
 */
export const errorContextSchema = z
  .object({
    message: optionalText(MAX_MESSAGE_LENGTH),
    requestId: optionalText(200),
    statusCode: z.number().int().min(100).max(599).optional(),
    route: optionalText(500),
    /** When the error happened (ISO 8601). */
    time: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
      .optional(),
    faroSessionId: optionalText(200),
    entityRef,
    appVersion: optionalText(100),
  })
  .strict();
/** @public */
export type ErrorContext = z.output<typeof errorContextSchema>;

/** A ticket as the app files it. @public */
export const ticketInputSchema = z
  .object({
    text: trimmedText(MAX_TEXT_LENGTH),
    context: errorContextSchema.default({}),
  })
  .strict();
/** @public */
export type TicketInput = z.input<typeof ticketInputSchema>;

/** A status change, against the version the admin saw. @public */
export const ticketStatusChangeSchema = z
  .object({
    status: z.enum(TICKET_STATUSES),
    version: z.number().int().min(1),
  })
  .strict();
/** @public */
export type TicketStatusChange = z.output<typeof ticketStatusChangeSchema>;

/** A list's query: a page, and tickets optionally by status. @public */
export const listQuerySchema = z
  .object({
    limit: queryInteger(1, MAX_LIST_LIMIT, 20),
    offset: queryInteger(0, MAX_LIST_OFFSET, 0),
    status: z.enum(TICKET_STATUSES).optional(),
  })
  .strict();
/** @public */
export type ListQuery = z.output<typeof listQuerySchema>;

/** A ticket's id (a UUID). @public */
export const ticketIdSchema = z.string().uuid('must be a ticket id (a UUID)');
