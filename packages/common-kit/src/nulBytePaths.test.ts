import { nulBytePaths } from './nulBytePaths';

describe('nulBytePaths', () => {
  it.each([
    [{ title: 'ok', summary: 'fine' }, []],
    [{ title: 'a\u0000b' }, ['title']],
    [{ layers: [{ name: 'x' }, { name: 'y\u0000' }] }, ['layers[1].name']],
    [{ rotation: { timeZone: '\u0000' } }, ['rotation.timeZone']],
    [{ ['k\u0000']: 'v' }, ['k\\u0000']],
    ['\u0000', ['(value)']],
    [[1, true, null, 'a'], []],
    [undefined, []],
  ] as const)('%j → %j', (value, expected) => {
    expect(nulBytePaths(value)).toEqual(expected);
  });

  it('stops after the limit', () => {
    const many = Array.from({ length: 50 }, () => '\u0000');
    expect(nulBytePaths(many, 3)).toEqual(['[0]', '[1]', '[2]']);
  });
});
