import { InputError } from '@backstage/errors';
import { formatZodIssues } from '@vigil/common-kit';
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
