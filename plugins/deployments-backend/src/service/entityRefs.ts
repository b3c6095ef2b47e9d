import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/** The longest entity ref the store keeps. */
export const MAX_ENTITY_REF_LENGTH = 255;

export const ENTITY_REF_MESSAGE =
  'must be an entity ref [kind]:[namespace/]name, e.g. component:default/scoring-api';

/**
 * An entity ref in the one form records are stored and looked up by:
 * `kind:namespace/name` (namespace `default` when left out), lower case
 * since the catalog compares refs ignoring case. Undefined when `ref` is
 * not one.
 */
export function normaliseEntityRef(ref: string): string | undefined {
  try {
    const normalised = stringifyEntityRef(
      parseEntityRef(ref),
    ).toLocaleLowerCase('en-US');
    return normalised.length <= MAX_ENTITY_REF_LENGTH ? normalised : undefined;
  } catch {
    return undefined;
  }
}

/** A string that is an entity ref, normalised by `normaliseEntityRef`. */
export const entityRefSchema = z
  .string()
  .min(1)
  .max(MAX_ENTITY_REF_LENGTH)
  .transform((value, ctx) => {
    const normalised = normaliseEntityRef(value);
    if (normalised === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: ENTITY_REF_MESSAGE,
      });
      return z.NEVER;
    }
    return normalised;
  });
