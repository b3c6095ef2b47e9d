import type { z } from 'zod';

function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(payload)';
}

/**
 * Formats zod issues as `field.path: message` lines: array indexes in
 * brackets (`alerts[0].status`), `(payload)` for the value as a whole, and
 * `is required` for a missing field.
 * @public
 */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map(issue => {
    const message =
      issue.code === 'invalid_type' && issue.received === 'undefined'
        ? 'is required'
        : issue.message;
    return `${formatPath(issue.path)}: ${message}`;
  });
}
