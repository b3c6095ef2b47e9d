import { queryInteger } from './queryInteger';

describe('queryInteger', () => {
  const limit = queryInteger(1, 200, 50);
  const required = queryInteger(0, 10);

  it.each([
    [limit, undefined, 50],
    [limit, '1', 1],
    [limit, '200', 200],
    [limit, '007', 7],
    [required, '0', 0],
  ])('accepts %#: %j', (schema, value, expected) => {
    expect(schema.parse(value)).toBe(expected);
  });

  it.each([
    [limit, '0'],
    [limit, '201'],
    [limit, '1e2'],
    [limit, '-1'],
    [limit, '0x10'],
    [limit, '12345678901'],
    [limit, ''],
    [limit, ['1', '2']],
    [required, undefined],
  ])('refuses %#: %j, naming the range', (schema, value) => {
    const result = schema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(
      /^must be an integer from \d+ to \d+$/,
    );
  });
});
