import {
  durationHours,
  formatPromDuration,
  normalizePromDuration,
  parsePromDuration,
} from './durations';
import { formatGoFloat, formatGoFloatFixed } from './goFormat';
import { printGoYaml } from './goYaml';
import { parse } from 'yaml';

describe('Prometheus durations', () => {
  it.each`
    text         | ms                | normalized
    ${'5m'}      | ${300_000}        | ${'5m'}
    ${'30m'}     | ${1_800_000}      | ${'30m'}
    ${'24h'}     | ${86_400_000}     | ${'1d'}
    ${'72h'}     | ${259_200_000}    | ${'3d'}
    ${'7d'}      | ${604_800_000}    | ${'1w'}
    ${'28d'}     | ${2_419_200_000}  | ${'4w'}
    ${'30d'}     | ${2_592_000_000}  | ${'30d'}
    ${'90d'}     | ${7_776_000_000}  | ${'90d'}
    ${'365d'}    | ${31_536_000_000} | ${'1y'}
    ${'1h30m'}   | ${5_400_000}      | ${'1h30m'}
    ${'90m'}     | ${5_400_000}      | ${'1h30m'}
    ${'1s500ms'} | ${1_500}          | ${'1s500ms'}
    ${'0'}       | ${0}              | ${'0s'}
  `('$text is $ms ms, printed $normalized', ({ text, ms, normalized }) => {
    expect(parsePromDuration(text)).toBe(ms);
    expect(formatPromDuration(ms)).toBe(normalized);
    expect(normalizePromDuration(text)).toBe(normalized);
  });

  it.each(['', '5', 'm', '5x', '1m1h', '1h1h', '-5m', '1.5h', ' 5m', '30D'])(
    'rejects %j',
    text => {
      expect(parsePromDuration(text)).toBeUndefined();
    },
  );

  it("computes hours as Go's Duration.Hours()", () => {
    expect(durationHours(parsePromDuration('30d')!)).toBe(720);
    expect(durationHours(parsePromDuration('30m')!)).toBe(0.5);
    expect(durationHours(parsePromDuration('5m')!)).toBe(1 / 12);
  });
});

describe('Go float formatting', () => {
  it.each`
    value                    | g                           | fixed
    ${0.9990000000000001}    | ${'0.9990000000000001'}     | ${'0.9990000000000001'}
    ${0.0009999999999999432} | ${'0.0009999999999999432'}  | ${'0.0009999999999999432'}
    ${99.9}                  | ${'99.9'}                   | ${'99.9'}
    ${95}                    | ${'95'}                     | ${'95'}
    ${30}                    | ${'30'}                     | ${'30'}
    ${14.4}                  | ${'14.4'}                   | ${'14.4'}
    ${5.6000000000000005}    | ${'5.6000000000000005'}     | ${'5.6000000000000005'}
    ${0.0001}                | ${'0.0001'}                 | ${'0.0001'}
    ${0.00001}               | ${'1e-05'}                  | ${'0.00001'}
    ${1.0000000000047748e-5} | ${'1.0000000000047748e-05'} | ${'0.000010000000000047748'}
    ${123456}                | ${'123456'}                 | ${'123456'}
    ${1000000}               | ${'1e+06'}                  | ${'1000000'}
    ${1234567}               | ${'1.234567e+06'}           | ${'1234567'}
    ${0}                     | ${'0'}                      | ${'0'}
    ${-2.5}                  | ${'-2.5'}                   | ${'-2.5'}
  `('$value prints as %g $g and %f $fixed', ({ value, g, fixed }) => {
    expect(formatGoFloat(value)).toBe(g);
    expect(formatGoFloatFixed(value)).toBe(fixed);
  });
});

describe('printGoYaml', () => {
  it('lays out like yaml.v2', () => {
    expect(
      printGoYaml({
        groups: [
          {
            name: 'g',
            rules: [
              {
                record: 'r',
                expr: 'a\n/\nb\n',
                labels: { objective: '99.9', flag: 'true', text: 'x: y' },
              },
            ],
          },
        ],
      }),
    ).toBe(
      [
        'groups:',
        '- name: g',
        '  rules:',
        '  - record: r',
        '    expr: |',
        '      a',
        '      /',
        '      b',
        '    labels:',
        '      objective: "99.9"',
        '      flag: "true"',
        "      text: 'x: y'",
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['no trailing newline', 'a\nb'],
    ['two trailing newlines', 'a\n\n'],
    ['leading spaces', '  indented\nnext'],
    ['blank-only line', 'a\n   \nb'],
    ['tabs and CR', 'a\tb\r\nc'],
    ['quotes and hashes', `it's "x" # not a comment`],
    ['a long line', `${'word '.repeat(40)}end`],
    ['a long quoted line', `{{ x }} ${'word '.repeat(40)}'end'`],
    ['empty', ''],
    ['null-looking', '~'],
    ['yes (YAML 1.1 boolean)', 'yes'],
    ['leading dash', '- item'],
  ])('round-trips %s', (_name, text) => {
    const data = { key: text, list: [{ nested: text }], empty: {} };
    expect(parse(printGoYaml(data))).toEqual(data);
  });
});
