import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parse } from './parse';

const schema = z
  .object({
    title: z.string().min(1, 'must not be empty'),
    alerts: z.array(z.object({ status: z.enum(['firing', 'resolved']) })),
  })
  .strict();

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
