import { z } from 'zod';
import { formatZodIssues } from './formatZodIssues';

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
