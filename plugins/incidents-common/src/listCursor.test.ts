import { decodeIncidentCursor, encodeIncidentCursor } from './listCursor';

describe('incident list cursors', () => {
  it.each([
    [{ declaredAt: 0, id: 'a' }],
    [
      {
        declaredAt: 1_764_000_000_123,
        id: '7f3e2c1a-0b9d-4e5f-8a7b-6c5d4e3f2a1b',
      },
    ],
    [{ declaredAt: 1, id: 'x.y_z-1' }],
  ])('round-trips %o as URL-safe text', cursor => {
    const text = encodeIncidentCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeIncidentCursor(text)).toEqual(cursor);
  });

  const b64 = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '');
  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', btoa('hello')],
    ['an object', b64({ declaredAt: 1, id: 'a' })],
    ['three elements', b64([1, 'a', 2])],
    ['a string time', b64(['1', 'a'])],
    ['a negative time', b64([-1, 'a'])],
    ['a fractional time', b64([1.5, 'a'])],
    ['an id with a slash', b64([1, 'a/b'])],
    ['an empty id', b64([1, ''])],
    ['too long', 'A'.repeat(401)],
  ])('refuses %s', (_name, text) => {
    expect(decodeIncidentCursor(text)).toBeUndefined();
  });
});
