import {
  exceptionFingerprint,
  normalizeFilename,
  normalizeMessage,
} from './fingerprint';

describe('normalizeMessage', () => {
  it.each([
    [
      "Cannot read properties of undefined (reading 'name')",
      'Cannot read properties of undefined (reading <str>)',
    ],
    ['Request 42 failed after 1.5 s', 'Request <n> failed after <n> s'],
    ['No incident 0f8fad5b-d9cb-469f-a165-70867728950e', 'No incident <uuid>'],
    [
      'Failed to fetch http://localhost:7007/api/slo/x?y=1',
      'Failed to fetch <url>',
    ],
    ['chunk 5f3a9c2b7d1e4f60 missing', 'chunk <hex> missing'],
    ['  spaced \n\t out  ', 'spaced out'],
  ])('%j becomes %j', (message, expected) => {
    expect(normalizeMessage(message)).toBe(expected);
  });
});

describe('normalizeFilename', () => {
  it.each([
    ['http://localhost:3000/static/main.1a2b3c4d.js', 'static/main.js'],
    [
      'https://vigil.example.com/static/812.0a1b2c3d4e.chunk.js?v=2',
      'static/812.chunk.js',
    ],
    [
      'webpack:///plugins/rum/src/components/ErrorsPage.tsx',
      'plugins/rum/src/components/ErrorsPage.tsx',
    ],
    [
      'file:///work/main/plugins/rum/src/x.ts',
      'work/main/plugins/rum/src/x.ts',
    ],
    ['<anonymous>', '<anonymous>'],
  ])('%s is %s', (filename, expected) => {
    expect(normalizeFilename(filename)).toBe(expected);
  });
});

describe('exceptionFingerprint', () => {
  const frame = (filename: string, fn: string, lineno = 1) => ({
    filename,
    function: fn,
    lineno,
    colno: 10,
  });
  const base = {
    type: 'TypeError',
    value: "Cannot read properties of undefined (reading 'id')",
    frames: [frame('http://h/static/main.aaaaaaaa.js', 'renderRow', 10)],
  };
  const fp = (input: Parameters<typeof exceptionFingerprint>[0]) =>
    exceptionFingerprint(input).fingerprint;

  it.each<[string, Parameters<typeof exceptionFingerprint>[0], boolean]>([
    [
      'another quoted value',
      {
        ...base,
        value: "Cannot read properties of undefined (reading 'name')",
      },
      true,
    ],
    [
      'a new build (content hash, line)',
      {
        ...base,
        frames: [frame('https://x/static/main.bbbbbbbb.js', 'renderRow', 99)],
      },
      true,
    ],
    [
      "Faro's own frame on top",
      {
        ...base,
        frames: [
          frame('http://h/node_modules/@grafana/faro-core/x.js', 'pushError'),
          ...base.frames,
        ],
      },
      true,
    ],
    [
      'another top function',
      {
        ...base,
        frames: [frame('http://h/static/main.aaaaaaaa.js', 'renderCell')],
      },
      false,
    ],
    ['another type', { ...base, type: 'RangeError' }, false],
    ['another message', { ...base, value: 'x is not a function' }, false],
    ['no stack', { ...base, frames: undefined }, false],
  ])('%s: same group is %s', (_name, input, same) => {
    expect(fp(input) === fp(base)).toBe(same);
  });

  it('is 16 hex digits and names its parts', () => {
    const result = exceptionFingerprint(base);
    expect(result.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(result.parts).toEqual({
      type: 'TypeError',
      message: 'Cannot read properties of undefined (reading <str>)',
      topFrame: 'renderRow (static/main.js)',
    });
  });
});
