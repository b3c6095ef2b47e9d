import { listReviewsQuerySchema } from '@vigil/backstage-plugin-launch-gates-common';
import { z } from 'zod';
import { queryInteger } from '@vigil/common-kit';

/*
 * The query strings and path parameters of the API, as zod schemas:
 * openapi.yaml checks the same first; these give the API's wording and what
 * OpenAPI cannot say (`1e2` as an integer).
 */

/** `GET /reviews`: the common schema, with digits-only paging. */
export const reviewsQuerySchema = listReviewsQuerySchema.extend({
  limit: queryInteger(1, 200, 50),
  offset: queryInteger(0, 100_000, 0),
});

export const reportsQuerySchema = z
  .object({
    entityRef: z.string().min(3).max(255).optional(),
    kind: z.enum(['load-test', 'security-scan']).optional(),
    limit: queryInteger(1, 200, 50),
    offset: queryInteger(0, 100_000, 0),
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
