import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/**
 * A service name: a valid catalog entity name that is also safe as a folder
 * name, a Sloth service and a label value. Stricter than the catalog's rule
 * (lower case, dashes only), so `.`, `..` and anything with a slash never
 * reach the file system.
 *
 * @public
 */
// Linear: each dash must be followed by a letter or digit, so no two ways
// of matching the same text exist.
// eslint-disable-next-line security/detect-unsafe-regex
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * A Prometheus job label value that can sit inside `job="..."` in PromQL
 * without escaping (no quotes, backslashes or braces).
 *
 * @public
 */
export const PROMETHEUS_JOB_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.:-]*$/;

/** Bounds of the template's numbers, shared with its form. @public */
export const SERVICE_INPUT_BOUNDS = {
  availabilityObjective: { min: 90, max: 99.999 },
  latencyObjective: { min: 50, max: 99.99 },
  latencyThresholdMs: { min: 1, max: 60000 },
} as const;

const refOfKind = (kind: 'group' | 'system') =>
  z
    .string()
    .trim()
    .min(1)
    .max(255)
    .transform((value, ctx) => {
      try {
        const ref = parseEntityRef(value, {
          defaultKind: kind,
          defaultNamespace: 'default',
        });
        if (ref.kind.toLocaleLowerCase('en-US') !== kind) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be a ${kind} such as ${kind}:default/${
              kind === 'group' ? 'payments' : 'risk-scoring'
            }`,
          });
          return z.NEVER;
        }
        return stringifyEntityRef({ ...ref, kind });
      } catch {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be an entity ref such as ${kind}:default/name`,
        });
        return z.NEVER;
      }
    });

const boundedNumber = (bounds: { min: number; max: number }) =>
  z.coerce.number().finite().min(bounds.min).max(bounds.max);

/**
 * The input of the "Add your service" template (and of the
 * `vigil:catalog-folder:write-service` action). Refs come back normalised
 * (`group:default/payments`).
 *
 * @public
 */
export const addServiceInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2)
    .max(63)
    .regex(
      SERVICE_NAME_PATTERN,
      'must be lower-case letters, digits and single dashes, starting with a letter (e.g. checkout-api)',
    ),
  // One line: titles also head the generated files' comments.
  title: z
    .string()
    .trim()
    .min(1)
    .max(100)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line of text'),
  description: z.string().trim().min(1).max(1000),
  owner: refOfKind('group'),
  system: refOfKind('system').optional(),
  prometheusJob: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(
      PROMETHEUS_JOB_PATTERN,
      'must be a Prometheus job name: letters, digits, _ . : - (no quotes or spaces)',
    ),
  availabilityObjective: boundedNumber(
    SERVICE_INPUT_BOUNDS.availabilityObjective,
  ),
  latencyObjective: boundedNumber(SERVICE_INPUT_BOUNDS.latencyObjective),
  latencyThresholdMs: boundedNumber(
    SERVICE_INPUT_BOUNDS.latencyThresholdMs,
  ).int(),
});

/** The template's values as given (numbers may arrive as strings). @public */
export type AddServiceInput = z.input<typeof addServiceInputSchema>;
/** The template's values once validated and normalised. @public */
export type AddServiceValues = z.output<typeof addServiceInputSchema>;
