import { listReviewsQuerySchema } from '@vigil/backstage-plugin-launch-gates-common';
import { z } from 'zod';

/*
 * The query strings and path parameters of the API, as zod schemas:
 * openapi.yaml checks the same first; these give the API's wording and what
 * OpenAPI cannot say (`1e2` as an integer).
 */

/** A query integer in [min, max], digits only. */
const boundedInteger = (min: number, max: number, fallback: number) =>
  z.unknown().transform((value, ctx) => {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && /^[0-9]{1,10}$/.test(value)) {
      const number = Number(value);
      if (number >= min && number <= max) return number;
    }
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be an integer from ${min} to ${max}`,
    });
    return z.NEVER;
  });

/** `GET /reviews`: the common schema, with digits-only paging. */
export const reviewsQuerySchema = listReviewsQuerySchema.extend({
  limit: boundedInteger(1, 200, 50),
  offset: boundedInteger(0, 100_000, 0),
});

export const reportsQuerySchema = z
  .object({
    entityRef: z.string().min(3).max(255).optional(),
    kind: z.enum(['load-test', 'security-scan']).optional(),
    limit: boundedInteger(1, 200, 50),
    offset: boundedInteger(0, 100_000, 0),
  })
  .strict();

const uuid = (what: string) =>
  z
    .string()
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      `must be ${what} (a UUID)`,
    )
    .transform(id => id.toLowerCase());

export const reviewIdSchema = uuid('a review id');
export const attachmentIdSchema = uuid('an attachment id');

/** Template, gate and check ids. */
export const nameSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

export const evaluateQuerySchema = z
  .object({ checkId: nameSchema.optional() })
  .strict();

export const exportQuerySchema = z
  .object({ format: z.enum(['json', 'markdown']).default('json') })
  .strict();
