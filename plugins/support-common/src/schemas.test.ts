import {
  feedbackInputSchema,
  listQuerySchema,
  MAX_TEXT_LENGTH,
  ticketInputSchema,
  ticketStatusChangeSchema,
} from './schemas';

const ok = (
  schema: { safeParse(v: unknown): { success: boolean } },
  v: unknown,
) => schema.safeParse(v).success;

describe('feedbackInputSchema', () => {
  it.each([
    [{ rating: 5, text: 'Great' }, true],
    [{ rating: 1, text: ' x ', context: { route: '/slo' } }, true],
    [
      {
        rating: 3,
        text: 'ok',
        context: {
          route: '/catalog',
          entityRef: 'component:default/vigil',
          appVersion: '1.0.0',
        },
      },
      true,
    ],
    [{ rating: 0, text: 'x' }, false],
    [{ rating: 6, text: 'x' }, false],
    [{ rating: 2.5, text: 'x' }, false],
    [{ rating: 3, text: '   ' }, false],
    [{ rating: 3, text: '' }, false],
    [{ rating: 3 }, false],
    [{ rating: 3, text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, false],
    [{ rating: 3, text: 'a\0b' }, false],
    [{ rating: 3, text: 'x', context: { entityRef: 'not a ref' } }, false],
    [{ rating: 3, text: 'x', extra: 1 }, false],
  ])('%j valid: %s', (value, valid) => {
    expect(ok(feedbackInputSchema, value)).toBe(valid);
  });

  it('trims the text and drops empty context fields', () => {
    expect(
      feedbackInputSchema.parse({
        rating: 4,
        text: '  nice  ',
        context: { route: '', entityRef: 'component:default/vigil' },
      }),
    ).toEqual({
      rating: 4,
      text: 'nice',
      context: { entityRef: 'component:default/vigil' },
    });
  });
});

describe('ticketInputSchema', () => {
  it.each([
    [{ text: 'It broke' }, true],
    [
      {
        text: 'It broke',
        context: {
          message: 'Request failed with 500',
          requestId: 'a1b2',
          statusCode: 500,
          route: '/slo',
          time: '2026-06-01T10:00:00.000Z',
          faroSessionId: 'abc123',
          entityRef: 'component:default/vigil',
          appVersion: '1.2.3',
        },
      },
      true,
    ],
    [{ text: ' ' }, false],
    [{ text: 'x', context: { statusCode: 99 } }, false],
    [{ text: 'x', context: { time: 'yesterday' } }, false],
    [{ text: 'x', context: { message: 'm'.repeat(2001) } }, false],
    [{ text: 'x', context: { cookie: 'secret' } }, false],
  ])('%j valid: %s', (value, valid) => {
    expect(ok(ticketInputSchema, value)).toBe(valid);
  });
});

describe('ticketStatusChangeSchema', () => {
  it.each([
    [{ status: 'resolved', version: 1 }, true],
    [{ status: 'done', version: 1 }, false],
    [{ status: 'open', version: 0 }, false],
    [{ status: 'open' }, false],
  ])('%j valid: %s', (value, valid) => {
    expect(ok(ticketStatusChangeSchema, value)).toBe(valid);
  });
});

describe('listQuerySchema', () => {
  it.each([
    [{}, { limit: 20, offset: 0 }],
    [
      { limit: '100', offset: '100000' },
      { limit: 100, offset: 100000 },
    ],
    [{ status: 'open' }, { limit: 20, offset: 0, status: 'open' }],
  ])('%j is %j', (query, parsed) => {
    expect(listQuerySchema.parse(query)).toEqual(parsed);
  });

  it.each([
    { limit: '0' },
    { limit: '101' },
    { limit: '1e2' },
    { offset: '-1' },
    { offset: '100001' },
    { status: 'done' },
    { page: '2' },
  ])('refuses %j', query => {
    expect(ok(listQuerySchema, query)).toBe(false);
  });
});
