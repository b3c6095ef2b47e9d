import { z } from 'zod';

/**
 * Review templates as code: a checklist of gates, each with automated checks
 * (a named check provider, its parameters and a pass rule) and manual checks
 * (a question a named role answers, with a link or a file as evidence).
 * Templates are YAML files in the repository (`launch-gates/templates/`),
 * validated with these schemas; an entity picks one with the
 * `vigil.dev/launch-template` annotation.
 */

/** Ids of gates and checks: what URLs, exports and waivers name them by. */
const idSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'lower-case letters, digits and dashes, starting with a letter or digit',
  );

/**
 * How a measured value is compared with its target.
 * @public
 */
export const comparisonSchema = z.enum(['<=', '<', '>=', '>', '==', '!=']);
/** @public */
export type Comparison = z.infer<typeof comparisonSchema>;

/**
 * One condition of an automated check's pass rule: the provider's
 * measurement `measure` compared with `target`. `stretch` is a tighter
 * numeric target that is reported (met or not) but never fails the check.
 * @public
 */
export const passConditionSchema = z
  .object({
    measure: z.string().min(1).max(60),
    op: comparisonSchema,
    target: z.union([z.number(), z.boolean(), z.string().max(200)]),
    stretch: z.number().optional(),
  })
  .strict()
  .refine(c => c.stretch === undefined || typeof c.target === 'number', {
    message: 'stretch needs a numeric target',
    path: ['stretch'],
  });
/** @public */
export type PassCondition = z.infer<typeof passConditionSchema>;

/**
 * Who answers a manual check: the entity's owners, its product owner, the
 * SRE role, or a named group or user (an entity ref).
 * @public
 */
export const answererSchema = z.union([
  z.enum(['owner', 'product-owner', 'sre']),
  z
    .string()
    .regex(
      /^(?:group|user):[a-z0-9._-]*\/?[a-zA-Z0-9._-]+$/,
      'owner, product-owner, sre, or a group or user entity ref',
    ),
]);
/** @public */
export type Answerer = z.infer<typeof answererSchema>;

const checkBase = {
  id: idSchema,
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  /** A blocking check must pass (or be waived) before a Go sign-off. */
  blocking: z.boolean().default(true),
};

/**
 * A check a provider evaluates. Without `pass`, the provider's default pass
 * rule applies.
 * @public
 */
export const automatedCheckSchema = z
  .object({
    ...checkBase,
    type: z.literal('automated'),
    provider: z.string().min(1).max(60),
    params: z.record(z.unknown()).default({}),
    pass: z.array(passConditionSchema).min(1).max(20).optional(),
  })
  .strict();
/** @public */
export type AutomatedCheckTemplate = z.infer<typeof automatedCheckSchema>;

/**
 * A question a named role answers yes or no, with evidence.
 * @public
 */
export const manualCheckSchema = z
  .object({
    ...checkBase,
    type: z.literal('manual'),
    question: z.string().min(1).max(1000),
    answeredBy: answererSchema,
    /** What a yes must carry. */
    evidence: z
      .enum(['link', 'file', 'link-or-file', 'none'])
      .default('link-or-file'),
  })
  .strict();
/** @public */
export type ManualCheckTemplate = z.infer<typeof manualCheckSchema>;

/** @public */
export const checkTemplateSchema = z.discriminatedUnion('type', [
  automatedCheckSchema,
  manualCheckSchema,
]);
/** @public */
export type CheckTemplate = z.infer<typeof checkTemplateSchema>;

/** @public */
export const gateTemplateSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    checks: z.array(checkTemplateSchema).min(1).max(50),
  })
  .strict();
/** @public */
export type GateTemplate = z.infer<typeof gateTemplateSchema>;

/**
 * A review template file.
 * @public
 */
export const reviewTemplateSchema = z
  .object({
    apiVersion: z.literal('vigil.dev/v1alpha1'),
    kind: z.literal('LaunchReviewTemplate'),
    metadata: z
      .object({
        name: idSchema,
        title: z.string().min(1).max(200),
        description: z.string().max(2000).optional(),
      })
      .strict(),
    spec: z
      .object({
        /**
         * Who signs off when the entity names no product owner
         * (`vigil.dev/product-owner`): a group or user ref.
         */
        productOwner: z
          .string()
          .regex(/^(?:group|user):[a-z0-9._-]*\/?[a-zA-Z0-9._-]+$/)
          .optional(),
        gates: z.array(gateTemplateSchema).min(1).max(20),
      })
      .strict(),
  })
  .strict()
  .superRefine((template, ctx) => {
    const gateIds = new Set<string>();
    const checkIds = new Set<string>();
    template.spec.gates.forEach((gate, g) => {
      if (gateIds.has(gate.id)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['spec', 'gates', g, 'id'],
          message: `gate id ${gate.id} is used twice`,
        });
      }
      gateIds.add(gate.id);
      gate.checks.forEach((check, c) => {
        // Check ids are unique across the template: waivers and sign-offs
        // name a check by its id alone.
        if (checkIds.has(check.id)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['spec', 'gates', g, 'checks', c, 'id'],
            message: `check id ${check.id} is used twice in the template`,
          });
        }
        checkIds.add(check.id);
      });
    });
  });
/** @public */
export type ReviewTemplate = z.infer<typeof reviewTemplateSchema>;

/**
 * Entity annotations the launch gates read.
 * @public
 */
export const LAUNCH_GATES_ANNOTATIONS = Object.freeze({
  /** The template a new review of the entity uses (its `metadata.name`). */
  template: 'vigil.dev/launch-template',
  /** Who signs off the entity's launches: a group or user ref. */
  productOwner: 'vigil.dev/product-owner',
});

/** The template a review uses when neither the request nor the entity names one. @public */
export const DEFAULT_TEMPLATE_NAME = 'default';
