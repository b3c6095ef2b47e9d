import {
  hasHealthAnnotations,
  parseSelector,
  parseServiceSeries,
  quoteLabelValue,
  readHealthAnnotations,
  slugOf,
} from './annotations';

describe('parseSelector', () => {
  it.each`
    text                                   | selector
    ${'job="vigil-backend"'}               | ${'job="vigil-backend"'}
    ${'{job="a"}'}                         | ${'job="a"'}
    ${' job = "a" , env =~ "prod|stage" '} | ${'job="a",env=~"prod|stage"'}
    ${'job="a",instance!="b"'}             | ${'job="a",instance!="b"'}
    ${'job="a,b"'}                         | ${'job="a,b"'}
    ${'job="say \\"hi\\""'}                | ${'job="say \\"hi\\""'}
    ${'job="a",'}                          | ${'job="a"'}
  `('$text -> $selector', ({ text, selector }) => {
    expect(parseSelector(text)).toEqual({ selector });
  });

  it.each`
    text                              | error
    ${''}                             | ${'empty'}
    ${'{}'}                           | ${'empty'}
    ${'job=a'}                        | ${'expected a matcher'}
    ${'job="a"} or vector(1) {x="y"'} | ${'expected ","'}
    ${'job="a'}                       | ${'no closing quote'}
    ${'job!="a"'}                     | ${'at least one matcher'}
    ${'job=""'}                       | ${'at least one matcher'}
    ${'1job="a"'}                     | ${'expected a matcher'}
    ${`job="${'x'.repeat(600)}"`}     | ${'longer than'}
  `('refuses $text ($error)', ({ text, error }) => {
    const parsed = parseSelector(text);
    expect('error' in parsed && parsed.error).toContain(error);
  });
});

describe('parseServiceSeries', () => {
  it('reads lines, skips comments and blanks, keeps bars after the second', () => {
    expect(
      parseServiceSeries(
        [
          '# the cache',
          'Cache hit ratio | ratio | sum(rate(hits{$selector}[$rate]))',
          '',
          '  Odd | count | sum(x{$selector}) or on() vector(0) | 1  ',
        ].join('\n'),
      ),
    ).toEqual({
      series: [
        {
          title: 'Cache hit ratio',
          unit: 'ratio',
          query: 'sum(rate(hits{$selector}[$rate]))',
        },
        {
          title: 'Odd',
          unit: 'count',
          query: 'sum(x{$selector}) or on() vector(0) | 1',
        },
      ],
      issues: [],
    });
  });

  it.each`
    line                                              | issue
    ${'Only a title'}                                 | ${'expected "Title | unit | PromQL"'}
    ${' | ratio | x{$selector}'}                      | ${'title must be'}
    ${`${'t'.repeat(61)} | ratio | x{$selector}`}     | ${'title must be'}
    ${'T | furlongs | x{$selector}'}                  | ${'unknown unit "furlongs"'}
    ${'T | ratio | sum(rate(x[5m]))'}                 | ${'must use $selector'}
    ${`T | ratio | x{$selector}${' '.repeat(990)}+1`} | ${'longer than'}
  `('reports $issue', ({ line, issue }) => {
    const parsed = parseServiceSeries(line);
    expect(parsed.series).toEqual([]);
    expect(parsed.issues).toEqual([
      expect.stringContaining('vigil.dev/health-series line 1'),
    ]);
    expect(parsed.issues[0]).toContain(issue);
  });

  it('keeps at most 8 series', () => {
    const text = Array.from(
      { length: 10 },
      (_, i) => `S${i} | count | x{$selector}`,
    ).join('\n');
    const parsed = parseServiceSeries(text);
    expect(parsed.series).toHaveLength(8);
    expect(parsed.issues).toHaveLength(2);
  });
});

describe('readHealthAnnotations', () => {
  it.each`
    annotations                                                                                    | selector                 | profile            | issues
    ${{ 'vigil.dev/prometheus-job': 'scoring-api' }}                                               | ${'job="scoring-api"'}   | ${'prom-client'}   | ${0}
    ${{ 'vigil.dev/prometheus-job': 'a"b' }}                                                       | ${'job="a\\"b"'}         | ${'prom-client'}   | ${0}
    ${{ 'vigil.dev/prometheus-selector': 'job="vigil-backend"', 'vigil.dev/prometheus-job': 'x' }} | ${'job="vigil-backend"'} | ${'prom-client'}   | ${0}
    ${{ 'vigil.dev/prometheus-selector': 'job="v"', 'vigil.dev/health-metrics': 'opentelemetry' }} | ${'job="v"'}             | ${'opentelemetry'} | ${0}
    ${{ 'vigil.dev/prometheus-job': 'v', 'vigil.dev/health-metrics': 'statsd' }}                   | ${'job="v"'}             | ${'prom-client'}   | ${1}
    ${{ 'vigil.dev/prometheus-selector': 'job=v' }}                                                | ${undefined}             | ${'prom-client'}   | ${1}
    ${{}}                                                                                          | ${undefined}             | ${'prom-client'}   | ${1}
  `('$annotations', ({ annotations, selector, profile, issues }) => {
    const read = readHealthAnnotations(annotations);
    expect(read.selector).toBe(selector);
    expect(read.profile).toBe(profile);
    expect(read.issues).toHaveLength(issues);
  });
});

describe('small helpers', () => {
  it('hasHealthAnnotations', () => {
    expect(hasHealthAnnotations({ 'vigil.dev/prometheus-job': 'a' })).toBe(
      true,
    );
    expect(hasHealthAnnotations({ 'vigil.dev/prometheus-selector': 'a' })).toBe(
      true,
    );
    expect(hasHealthAnnotations({ 'vigil.dev/prometheus-job': ' ' })).toBe(
      false,
    );
    expect(hasHealthAnnotations(undefined)).toBe(false);
  });

  it('quoteLabelValue escapes what ends a string', () => {
    expect(quoteLabelValue('a\\b"c\nd')).toBe('"a\\\\b\\"c\\nd"');
  });

  it('slugOf', () => {
    expect(slugOf('Feature-store latency (p95)')).toBe(
      'feature-store-latency-p95',
    );
    expect(slugOf('!!!')).toBe('series');
  });
});
