import { unsafePathReason, unsafeServiceFolderReason } from './pathSafety';

describe('unsafePathReason', () => {
  it.each([
    ['catalog-info.yaml'],
    ['docs/index.md'],
    ['docs/a.b/c.md'],
    ['..foo'],
  ])('accepts %s', path => {
    expect(unsafePathReason(path)).toBeUndefined();
  });

  it.each([
    ['', 'is empty'],
    ['../etc/passwd', 'goes up with ..'],
    ['docs/../../x', 'goes up with ..'],
    ['..', 'goes up with ..'],
    ['/etc/passwd', 'is absolute'],
    ['C:/Windows', 'is absolute'],
    ['c:x', 'is absolute'],
    ['docs\\..\\x', 'contains a backslash'],
    ['\\\\server\\share', 'contains a backslash'],
    ['docs//index.md', 'has an empty or "." segment'],
    ['./catalog-info.yaml', 'has an empty or "." segment'],
    ['docs/', 'has an empty or "." segment'],
    ['a\u0000b', 'contains a control character'],
    ['a\nb', 'contains a control character'],
    ['x'.repeat(256), 'is longer than 255 characters'],
  ])('refuses %j: %s', (path, reason) => {
    expect(unsafePathReason(path)).toBe(reason);
  });
});

describe('unsafeServiceFolderReason', () => {
  it.each([['checkout-api'], ['a1']])('accepts %s', name => {
    expect(unsafeServiceFolderReason(name)).toBeUndefined();
  });
  it.each([
    ['..'],
    ['.'],
    [''],
    ['a/b'],
    ['/abs'],
    ['A'],
    ['a b'],
    ['a'.repeat(64)],
  ])('refuses %j', name => {
    expect(unsafeServiceFolderReason(name)).toMatch(/not a service name/);
  });
});
