import { InputError } from '@backstage/errors';
import { formatZodIssues, nulBytePaths } from '@vigil/common-kit';
import type { z } from 'zod';

// One formatting for every 400: the -common packages use it too.
export { formatZodIssues };

/**
 * Parses with zod; a failure is an `InputError` (a 400) naming every bad
 * field: `Invalid <what>: <field>: <message>; ...`.
 * @public
 */
export function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${formatZodIssues(result.error).join('; ')}`,
    );
  }
  return result.data;
}

/**
 * An `InputError` (a 400) naming the fields of `value`, keys included, that
 * hold a NUL character: PostgreSQL cannot store one in text, and no field has
 * a use for it.
 * @public
 */
export function rejectNulCharacters(value: unknown, what: string): void {
  const paths = nulBytePaths(value);
  if (paths.length > 0) {
    throw new InputError(
      `Invalid ${what}: ${paths
        .map(p => `${p}: must not contain NUL characters (\\u0000)`)
        .join('; ')}`,
    );
  }
}

/**
 * `parse` for values a database will store: NUL characters anywhere are
 * refused first (`rejectNulCharacters`), then the schema is applied.
 * @public
 */
export function parseStorable<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  rejectNulCharacters(value, what);
  return parse(schema, value, what);
}
