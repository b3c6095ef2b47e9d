/** Turning zod results into readable problems, with unknown fields kept apart. */
import type { z } from 'zod';

export function formatPath(path: ReadonlyArray<string | number>): string {
  let text = '';
  for (const segment of path) {
    text +=
      typeof segment === 'number'
        ? `[${segment}]`
        : `${text === '' ? '' : '.'}${segment}`;
  }
  return text;
}

function describeIssue(
  issue: z.ZodIssue,
  pathPrefix: ReadonlyArray<string | number>,
): string {
  const path = formatPath([...pathPrefix, ...issue.path]) || 'document';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return `${path} is required`;
      return `${path} must be ${
        issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`
      } (got ${issue.received === 'string' ? 'a string' : issue.received})${
        issue.expected === 'string' &&
        (issue.received === 'number' || issue.received === 'boolean')
          ? '; quote it'
          : ''
      }`;
    case 'invalid_literal':
      return `${path} must be ${JSON.stringify(issue.expected)}`;
    case 'too_small':
      return issue.type === 'array'
        ? `${path} needs at least ${issue.minimum} item${
            issue.minimum === 1 ? '' : 's'
          }`
        : `${path}: ${issue.message}`;
    case 'invalid_enum_value':
      return `${path} must be one of ${issue.options
        .map(option => JSON.stringify(option))
        .join(', ')}`;
    default:
      return `${path}: ${issue.message}`;
  }
}

export interface LenientParseResult<T> {
  data?: T;
  /** Problems other than unknown fields; `data` is set only when empty. */
  problems: string[];
  /** Paths of fields the schema does not know, e.g. "alerting.pageAlert". */
  unknownFields: string[];
}

/**
 * Parses with a strict schema but treats unknown fields as ignorable (as
 * Sloth does): they are returned in `unknownFields`, removed, and the rest
 * is parsed again.
 */
export function parseLenient<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: unknown,
  pathPrefix: ReadonlyArray<string | number> = [],
): LenientParseResult<T> {
  const first = schema.safeParse(input);
  if (first.success)
    return { data: first.data, problems: [], unknownFields: [] };

  const unknownIssues = first.error.issues.filter(
    (issue): issue is Extract<z.ZodIssue, { code: 'unrecognized_keys' }> =>
      issue.code === 'unrecognized_keys',
  );
  const unknownFields = unknownIssues.flatMap(issue =>
    issue.keys.map(key => formatPath([...pathPrefix, ...issue.path, key])),
  );
  const problems = first.error.issues
    .filter(issue => issue.code !== 'unrecognized_keys')
    .map(issue => describeIssue(issue, pathPrefix));
  if (problems.length > 0) return { problems, unknownFields };

  // YAML-derived data is plain, so structuredClone is safe and isomorphic.
  const cleaned = structuredClone(input);
  for (const issue of unknownIssues) {
    let target: unknown = cleaned;
    for (const segment of issue.path) {
      target = (target as Record<string | number, unknown>)[segment];
    }
    for (const key of issue.keys) {
      delete (target as Record<string, unknown>)[key];
    }
  }
  const second = schema.safeParse(cleaned);
  if (second.success) return { data: second.data, problems: [], unknownFields };
  return {
    problems: second.error.issues.map(issue =>
      describeIssue(issue, pathPrefix),
    ),
    unknownFields,
  };
}
