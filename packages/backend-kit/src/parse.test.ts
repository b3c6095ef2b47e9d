import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { formatZodIssues, parse } from './parse';

const schema = z
  .object({
    title: z.string().min(1, 'must not be empty'),
    alerts: z.array(z.object({ status: z.enum(['firing', 'resolved']) })),
    labels: z.record(z.string()).optional(),
  })
  .strict();

function issuesOf(value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return formatZodIssues(result.error);
}

describe('formatZodIssues', () => {
  it('names each field by its path, array indexes in brackets', () => {
    expect(
      issuesOf({
        title: '',
        alerts: [{ status: 'firing' }, { status: 'pending' }],
        labels: { x: 1 },
      }),
    ).toEqual([
      'title: must not be empty',
      expect.stringMatching(/^alerts\[1\]\.status: Invalid enum value/),
      'labels.x: Expected string, received number',
    ]);
  });

  it('says a missing field is required', () => {
    expect(issuesOf({ alerts: [{}] })).toEqual([
      'title: is required',
      'alerts[0].status: is required',
    ]);
  });

  it('names the value as a whole (payload) for issues without a path', () => {
    expect(issuesOf('hello')).toEqual([
      '(payload): Expected object, received string',
    ]);
    expect(issuesOf({ title: 't', alerts: [], colour: 'red' })).toEqual([
      "(payload): Unrecognized key(s) in object: 'colour'",
    ]);
  });
});

describe('parse', () => {
  it('returns the parsed value', () => {
    expect(
      parse(schema, { title: 't', alerts: [{ status: 'firing' }] }, 'body'),
    ).toEqual({ title: 't', alerts: [{ status: 'firing' }] });
    expect(parse(z.coerce.number(), '42', 'limit')).toBe(42);
  });

  it('throws an InputError (a 400) naming what and every bad field', () => {
    let thrown: unknown;
    try {
      parse(schema, { title: '', alerts: 'nope' }, 'incident');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toBe(
      'Invalid incident: title: must not be empty; alerts: Expected array, received string',
    );
  });
});
