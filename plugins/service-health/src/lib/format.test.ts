import { formatTick, formatValue, latestValue, NO_DATA } from './format';

describe('formatValue', () => {
  it.each`
    value            | unit            | text
    ${0.3222}        | ${'seconds'}    | ${'322.2 ms'}
    ${0.0005}        | ${'seconds'}    | ${'0.5 ms'}
    ${1.5}           | ${'seconds'}    | ${'1.5 s'}
    ${0.02}          | ${'ratio'}      | ${'2%'}
    ${0.8}           | ${'ratio'}      | ${'80%'}
    ${123456789}     | ${'bytes'}      | ${'117.7 MiB'}
    ${2 * 1024 ** 3} | ${'bytes'}      | ${'2 GiB'}
    ${512}           | ${'bytes'}      | ${'512 B'}
    ${0.25}          | ${'cores'}      | ${'0.25 cores'}
    ${99.999}        | ${'requests/s'} | ${'100 req/s'}
    ${7}             | ${'count'}      | ${'7'}
    ${null}          | ${'count'}      | ${NO_DATA}
    ${NaN}           | ${'ratio'}      | ${NO_DATA}
  `('$value $unit -> $text', ({ value, unit, text }) => {
    expect(formatValue(value, unit)).toBe(text);
  });
});

describe('formatTick', () => {
  const at = new Date(2026, 11, 1, 9, 5).getTime();
  it.each`
    range    | text
    ${'15m'} | ${'09:05'}
    ${'24h'} | ${'09:05'}
    ${'7d'}  | ${'12/1 09:05'}
    ${'30d'} | ${'12/1 09:05'}
  `('$range -> $text', ({ range, text }) => {
    expect(formatTick(at, range)).toBe(text);
  });
});

describe('latestValue', () => {
  it('skips trailing gaps', () => {
    expect(
      latestValue([
        [1, 2],
        [2, 3],
        [3, null],
      ]),
    ).toBe(3);
    expect(latestValue([[1, null]])).toBeNull();
    expect(latestValue([])).toBeNull();
  });
});
