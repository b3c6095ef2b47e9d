import {
  DEFAULT_DORA_DAYS,
  deploymentKindSchema,
  MAX_DORA_DAYS,
} from '@vigil/backstage-plugin-deployments-common';
import { z } from 'zod';
import { queryInteger } from '@vigil/common-kit';
import { entityRefSchema } from '../service/entityRefs';

/*
 * The query strings and path parameters of the API, as zod schemas:
 * openapi.yaml checks the same first; these give the API's wording and what
 * OpenAPI cannot say (entity ref syntax, ranges between two fields, `1e2`).
 */

export const MAX_LIMIT = 500;
export const MAX_OFFSET = 1_000_000;

const instant = z.string().datetime({ offset: true });

export const listDeploymentsQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    kind: z
      .union([
        deploymentKindSchema.transform(kind => [kind]),
        z.array(deploymentKindSchema).max(3),
      ])
      .optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: queryInteger(1, MAX_LIMIT, 50),
    offset: queryInteger(0, MAX_OFFSET, 0),
  })
  .strict()
  .refine(
    q =>
      q.from === undefined ||
      q.to === undefined ||
      Date.parse(q.to) > Date.parse(q.from),
    { message: 'must be after from', path: ['to'] },
  );

export const doraQuerySchema = z
  .object({
    entityRef: entityRefSchema,
    days: queryInteger(1, MAX_DORA_DAYS, DEFAULT_DORA_DAYS),
  })
  .strict();

/** Record ids are UUIDs; anything else cannot be one (a 400, not a lookup). */
export const idSchema = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'must be a deployment id (a UUID)',
  )
  .transform(id => id.toLowerCase());
