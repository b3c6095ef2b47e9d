import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parse, parseStorable, rejectNulCharacters } from './parse';

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

describe('parseStorable', () => {
  it('parses values without NUL characters like parse', () => {
    expect(parseStorable(schema, { title: 't', alerts: [] }, 'body')).toEqual({
      title: 't',
      alerts: [],
    });
  });

  it('refuses NUL characters first, naming every field that holds one', () => {
    expect(() =>
      parseStorable(
        schema,
        { title: 'a\u0000', alerts: [{ status: '\u0000' }], extra: 1 },
        'incident',
      ),
    ).toThrow(
      new InputError(
        'Invalid incident: title: must not contain NUL characters (\\u0000); alerts[0].status: must not contain NUL characters (\\u0000)',
      ),
    );
  });
});

describe('rejectNulCharacters', () => {
  it('accepts values without NUL characters', () => {
    expect(() =>
      rejectNulCharacters({ a: ['x', 1, null] }, 'body'),
    ).not.toThrow();
  });

  it('names a NUL in a key', () => {
    expect(() => rejectNulCharacters({ ['k\u0000']: 'v' }, 'labels')).toThrow(
      'Invalid labels: k\\u0000: must not contain NUL characters (\\u0000)',
    );
  });
});
